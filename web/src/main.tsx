import { render } from 'preact';
import './ui/base.css';
import './ui/components.css';
import { App } from './App';
import { UpdatePrompt } from './ui/UpdatePrompt';
import { startServiceWorker } from './update/serviceWorker';

const root = document.getElementById('app');
if (root) {
  render(
    <>
      <App />
      <UpdatePrompt />
    </>,
    root,
  );
}
startServiceWorker();
