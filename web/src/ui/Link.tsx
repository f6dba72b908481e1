import type { ComponentChildren } from 'preact';
import { navigate } from '../router';

interface Props {
  href: string;
  class?: string;
  children: ComponentChildren;
  'aria-label'?: string;
  'aria-current'?: 'page';
}

/** A link inside the app: a plain click moves without reloading (the session stays open). */
export function Link({ href, children, ...rest }: Props) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
        window.scrollTo(0, 0);
      }}
    >
      {children}
    </a>
  );
}
