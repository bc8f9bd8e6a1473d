// Entry point. Order matters on a slow phone: apply the text size before the first paint, render
// at once (the sign-in screen needs no network when nobody is signed in), then ask the server.
import { render } from 'preact';
import { onReached, onUnreachable } from './api/client';
import { App } from './app';
import { catchUpInbox, startInbox } from './lib/inbox';
import { noteRequestFailed, noteRequestSucceeded, startNetworkWatch } from './lib/network';
import { startRouter } from './lib/router';
import { bootstrap, replayOutbox, session } from './lib/session';
import { applyLargeText, readLargeText } from './lib/settings';
import { registerServiceWorker } from './lib/sw-register';
import './styles.css';

applyLargeText(readLargeText());
startRouter();
startNetworkWatch(() => void replayOutbox());
onReached(({ fromCache }) => noteRequestSucceeded(fromCache));
onUnreachable(() => noteRequestFailed());

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
// The live connection and the unread count follow the session from here on.
startInbox();
void bootstrap().then(() => {
  void replayOutbox();
  // Keep a push subscription the browser renewed known to the server (once a day).
  if (session.get().status === 'signed_in') void import('./lib/push').then((m) => m.resyncPush()).catch(() => undefined);
});
registerServiceWorker({ onBackOnline: () => void replayOutbox(), onPushed: catchUpInbox });
