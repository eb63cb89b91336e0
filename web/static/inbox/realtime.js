// realtime.js: the inbox's realtime stream (shared/realtime.js), as the
// signed-in counsellor.
import { api } from '/static/inbox/api.js';
import { stream } from '/static/shared/realtime.js';

export const { subscribe, whenSubscribed, onResync, onStatus, connect, disconnect, reset } = stream(api);
