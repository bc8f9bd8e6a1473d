// Entry point. Order matters on a slow phone: apply the text size before the first paint, render
// at once (the sign-in screen needs no network when nobody is signed in), then ask the server.
import { render } from 'preact';
import { onReached, onUnreachable } from './api/client';
import { App } from './app';
import { noteRequestFailed, noteRequestSucceeded, startNetworkWatch } from './lib/network';
import { startRouter } from './lib/router';
import { bootstrap, replayOutbox } from './lib/session';
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
void bootstrap().then(() => replayOutbox());
registerServiceWorker(() => void replayOutbox());
