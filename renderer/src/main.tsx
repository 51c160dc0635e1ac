import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './i18n';
import { useStore } from './store';
import './styles/app.css';

// Ask the core for the saved language before React's first render, so the wait overlaps it.
void useStore.getState().bootApp();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
