import type { HttpRequest, HttpResponse, HttpResponseInit, InvocationContext } from '@azure/functions';

/** One route the local host serves: a function's `/api/{route}`, or one of the host's own routes. */
export interface LocalRoute {
  /** The name invocations are logged under. */
  name: string;
  /** The path's segments; `{name}` captures a segment into `request.params` (as route templates do). */
  template: string[];
  methods: readonly string[];
  /** Requires the function key, when the host has one. */
  keyed: boolean;
  /** The largest body accepted (413 above it, before the body is read); default: the host's limit. */
  maxBodyBytes?: number;
  handle(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit | HttpResponse>;
}
