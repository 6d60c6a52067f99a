import { render } from '@testing-library/react';
import { App } from '../../renderer/src/App.js';
import { createAppStore, type AppStore } from '../../renderer/src/store/app-store.js';
import { StoreContext } from '../../renderer/src/store/context.js';
import { createFakeServer, type FakeServer } from './fake-api.js';

/** The whole main window over a fake server, installed as `window.befriend` like the preload does. */
export function renderApp(options: Parameters<typeof createFakeServer>[0] = {}): { server: FakeServer; store: AppStore } {
  const server = createFakeServer(options);
  Object.defineProperty(window, 'befriend', { value: server.api, configurable: true });
  const store = createAppStore(server.api, { searchDelayMs: 20 });
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { server, store };
}
