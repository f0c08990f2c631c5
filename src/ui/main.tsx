// Entry point of the Layerpad single-page app.
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>Layerpad</h1>
      <p>Compose, inspect and edit container images in your browser.</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
