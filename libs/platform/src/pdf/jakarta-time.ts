import type { Language } from '@mitra/contracts';

/** `17 Agustus 2026 pukul 10.15.00 WIB`: documents show times in Asia/Jakarta. */
export function jakartaTime(iso: string, language: Language): string {
  const formatted = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    dateStyle: 'long',
    timeStyle: 'medium',
  }).format(new Date(iso));
  return `${formatted} WIB`;
}
