// The card's strings come from the one source of UI strings, public/_locales (src/ui/i18n.ts).
export { t } from '../ui/i18n';
