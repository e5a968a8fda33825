import { render } from 'preact';
import '@/src/ui/base.css';
import '@/src/popup/popup.css';
import { Popup } from '@/src/popup/Popup';
import { uiLanguage } from '@/src/ui/i18n';

document.documentElement.lang = uiLanguage();
render(<Popup />, document.getElementById('app')!);
