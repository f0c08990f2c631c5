// Placeholder for the inspector (another issue); replaced by the inspector's own view.

export function InspectView() {
  return (
    <section className="panel inspect-placeholder">
      <h2>Inspect</h2>
      <p>Coming soon: open any image archive, verify every digest and see how it is built.</p>
    </section>
  );
}
