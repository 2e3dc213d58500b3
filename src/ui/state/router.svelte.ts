/** The current route, following `location.hash` (a tutorial's `?lesson=…` part is not the page's). */
import { DEFAULT_ROUTE, routeFromHash, type Route } from './routes.ts';
import { stripTutorialHash } from '../../tutorial/link.ts';

export class Router {
  #route = $state.raw<Route>(DEFAULT_ROUTE);
  #hash = $state('');

  constructor(target: Window = window) {
    this.#hash = stripTutorialHash(target.location.hash);
    this.#route = routeFromHash(this.#hash);
    target.addEventListener('hashchange', () => {
      this.#hash = stripTutorialHash(target.location.hash);
      this.#route = routeFromHash(this.#hash);
    });
  }

  get route(): Route {
    return this.#route;
  }

  /** The whole hash, for pages with routes of their own (`#/services/detail/%2Fprod%2Fweb`). */
  get hash(): string {
    return this.#hash;
  }
}
