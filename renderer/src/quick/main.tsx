import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import '../styles/quick.css';
import { QuickFollow } from './QuickFollow.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QuickFollow api={window.befriend} />
  </StrictMode>,
);
