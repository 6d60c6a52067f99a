import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createAppStore } from './store/app-store.js';
import { StoreContext } from './store/context.js';
import './styles/base.css';
import './styles/app.css';

const store = createAppStore(window.befriend);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
