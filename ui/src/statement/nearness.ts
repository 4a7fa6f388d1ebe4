/**
 * Whether an element is near the viewport, for the lazily mounted slices of a large fiche: two
 * shared IntersectionObservers (no layout read in our own code, no scroll handler). « near » is
 * within one screen above or below; « far » is beyond three, so a slice does not flicker between
 * mounted and unmounted at the edge.
 */
export type Nearness = 'near' | 'far';
type Callback = (nearness: Nearness, height: number) => void;

const callbacks = new Map<Element, Callback>();
let near: IntersectionObserver | null = null;
let far: IntersectionObserver | null = null;

function observers(): [IntersectionObserver, IntersectionObserver] {
  if (!near || !far) {
    near = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) callbacks.get(e.target)?.('near', e.boundingClientRect.height);
      },
      { rootMargin: '50% 0px' },
    );
    far = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (!e.isIntersecting) callbacks.get(e.target)?.('far', e.boundingClientRect.height);
      },
      { rootMargin: '150% 0px' },
    );
  }
  return [near, far];
}

/** Calls back when `el` comes near the viewport or goes far from it; returns the unsubscribe. */
export function observeNear(el: Element, callback: Callback): () => void {
  const [n, f] = observers();
  callbacks.set(el, callback);
  n.observe(el);
  f.observe(el);
  return () => {
    callbacks.delete(el);
    n.unobserve(el);
    f.unobserve(el);
  };
}
