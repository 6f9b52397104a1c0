import { useTranslation } from 'react-i18next';

/** The id of each layout's <main>, which the skip link jumps to. */
export const mainContentId = 'main-content';

/**
 * The first thing a keyboard reaches: hidden until focused, it moves focus past the header and the
 * navigation into the page itself. Focus is moved by hand so the address keeps no `#main-content`.
 * Styled by skip-link.css, which main.tsx loads with the other global styles.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${mainContentId}`}
      onClick={(event) => {
        const main = document.getElementById(mainContentId);
        if (!main) return;
        event.preventDefault();
        main.focus();
      }}
      data-testid="skip-link"
    >
      {t('shell.skipToContent')}
    </a>
  );
}
