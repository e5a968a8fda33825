import { render } from 'preact';

function Options() {
  return <main><h1>IOM Lens options</h1></main>;
}

render(<Options />, document.getElementById('app')!);
