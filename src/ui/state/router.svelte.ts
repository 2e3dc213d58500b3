/** The current route, following `location.hash`. */
import { DEFAULT_ROUTE, routeFromHash, type Route } from './routes.ts';

export class Router {
  #route = $state.raw<Route>(DEFAULT_ROUTE);

  constructor(target: Window = window) {
    this.#route = routeFromHash(target.location.hash);
    target.addEventListener('hashchange', () => {
      this.#route = routeFromHash(target.location.hash);
    });
  }

  get route(): Route {
    return this.#route;
  }
}
