// `npm start`: the session request service on embedded SQLite, plus the agent client.
// The service and the client core are not built yet; say so plainly rather than start half a product.
const [major] = process.versions.node.split('.').map(Number);
if (major !== 22) {
  console.error(
    `Sessiondesk runs on Node 22 (this is Node ${process.versions.node}). Run it through npm (npm start), which uses the Node 22 in node_modules/.bin.`,
  );
  process.exit(1);
}
console.error(
  'Sessiondesk: not built yet. The session request service and the agent client are still to come; `npm test` runs the domain rules and the renderer smoke test.',
);
process.exit(1);
