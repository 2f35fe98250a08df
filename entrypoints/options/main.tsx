import { render } from 'preact';
render(<p>PAM Bridge</p>, document.getElementById('app')!);
