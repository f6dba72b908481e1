import type { Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'preact/hooks';
import { editableCompartment, editableConfig, labelCompartment, labelConfig } from '../../collab/editorSetup';
import type { EditorHost } from '../../collab/editorHost';
import type { SectionSync } from '../../collab/sectionSync';

interface Props {
  sync: SectionSync;
  editable: boolean;
  /** The accessible name: the section's heading. */
  label: string;
  /** The id of the element describing the section (its hint). */
  describedBy: string | null;
  /** Shown in the empty editor. */
  placeholder: string;
  /** Filled with the view while it is shown. */
  viewRef: { current: EditorView | null };
  /** Whether the selection is empty, after every change of it. */
  onSelection?: (empty: boolean) => void;
}

/**
 * One section's CodeMirror view. It shows the section sync's state (live, also read-only),
 * reports its transactions to the sync, and sets its editable and label configuration.
 */
export function SectionEditor({ sync, editable, label, describedBy, placeholder, viewRef, onSelection }: Props) {
  const parent = useRef<HTMLDivElement>(null);
  const config = useRef({ editable, label, describedBy, placeholder });
  config.current = { editable, label, describedBy, placeholder };
  const selectionCallback = useRef(onSelection);
  selectionCallback.current = onSelection;

  useEffect(() => {
    if (!parent.current) return;
    let lastEmpty = true;
    const configure = (view: EditorView) => {
      const c = config.current;
      view.dispatch({
        effects: [
          editableCompartment.reconfigure(editableConfig(c.editable)),
          labelCompartment.reconfigure(labelConfig(c.label, c.describedBy, c.placeholder)),
        ],
      });
    };
    const view = new EditorView({
      parent: parent.current,
      state: sync.state,
      dispatchTransactions: (trs: readonly Transaction[], v: EditorView) => {
        v.update(trs);
        sync.afterTransactions(trs);
        const empty = v.state.selection.main.empty;
        if (empty !== lastEmpty) {
          lastEmpty = empty;
          selectionCallback.current?.(empty);
        }
      },
    });
    const host: EditorHost = {
      get state() {
        return view.state;
      },
      setState(state) {
        view.setState(state);
        configure(view);
      },
      dispatch(tr) {
        view.dispatch(tr);
      },
    };
    sync.setHost(host);
    configure(view);
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      sync.releaseHost();
      view.destroy();
    };
  }, [sync, viewRef]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({
      effects: [
        editableCompartment.reconfigure(editableConfig(editable)),
        labelCompartment.reconfigure(labelConfig(label, describedBy, placeholder)),
      ],
    });
  }, [editable, label, describedBy, placeholder, viewRef]);

  return <div class="section-editor__cm" ref={parent} />;
}
