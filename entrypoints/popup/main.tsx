import { render } from 'preact';

function Popup() {
  return <main><h1>IOM Lens</h1><p>Unofficial; not affiliated with IOM.</p></main>;
}

render(<Popup />, document.getElementById('app')!);
