// What a view gets from the shell: its route, its main element and the shell's services.

import type { Route } from './state';

/** The "download" and "query" actions of the current view. */
export interface ViewActions {
  /** The exact /export file for what is shown. */
  download?: string;
  downloadLabel?: string;
  /** The file name to save under, for downloads made in the page (blob: URLs have none). */
  downloadName?: string;
  /** The playground opened on the operation that produced the view. */
  query?: string;
}

export interface ViewContext {
  route: Route;
  main: HTMLElement;
  /** Changes URL parameters of this view (empty values remove them); the view re-renders. */
  set(params: Record<string, string>): void;
  setActions(actions: ViewActions): void;
  /** Registers cleanup for when the view is left (stop layouts, remove maps). */
  onLeave(cleanup: () => void): void;
  /** Marks the view drawn, with what it drew; tests and the benchmark read these counts. */
  ready(counts: Record<string, number>): void;
}
