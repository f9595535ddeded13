// Bundled for the browser with esbuild (no Node built-ins allowed), then run.
import { datasets } from 'pointgen';

if (datasets.coloredPi({ count: 3 }).count !== 3) throw new Error('bundle: wrong count');
console.log('bundle ok');
