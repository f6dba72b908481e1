import { lazyView } from '../../ui/lazy';

/**
 * The proposal page, loaded when first shown: it brings the editor (CodeMirror), which the
 * board does not need.
 */
export const LazyProposalPage = lazyView(() => import('./ProposalPage').then((m) => m.ProposalPage), {
  failed: 'proposal.loadFailed',
});
