import { render } from 'preact';
import '@/src/ui/base.css';
import '@/src/options/options.css';
import { Options } from '@/src/options/Options';
import { t, uiLanguage } from '@/src/ui/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
