import { render } from '@testing-library/react';
import { App } from '../../renderer/src/App.js';
import { createAppStore, type AppStore } from '../../renderer/src/store/app-store.js';
import { StoreContext } from '../../renderer/src/store/context.js';
import { createFakeServer, type FakeServer } from './fake-api.js';

/** The whole main window over a fake server, handed to its store as main.tsx hands `window.befriend`. */
export function renderApp(options: Parameters<typeof createFakeServer>[0] = {}): { server: FakeServer; store: AppStore } {
  const server = createFakeServer(options);
  const store = createAppStore(server.api, { searchDelayMs: 20 });
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { server, store };
}
