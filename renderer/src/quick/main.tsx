import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import '../styles/quick.css';
import { createQuickStore } from '../store/quick-store.js';
import { QuickFollow } from './QuickFollow.js';

const store = createQuickStore(window.befriend);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QuickFollow store={store} />
  </StrictMode>,
);
