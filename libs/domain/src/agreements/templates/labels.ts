import type {
  AgreementPartyRole,
  ContributionKind,
  DecisionRule,
  Frequency,
  FundingMechanism,
  Language,
  Sector,
} from '@mitra/contracts';

type Labels<K extends string> = Record<K, Record<Language, string>>;

export const sectorLabels: Labels<Sector> = {
  government_national: { id: 'instansi pemerintah pusat', en: 'a national government body' },
  government_province: { id: 'pemerintah provinsi', en: 'a provincial government' },
  government_regency: { id: 'pemerintah kabupaten/kota', en: 'a regency/city government' },
  cso: { id: 'organisasi masyarakat sipil', en: 'a civil society organisation' },
  media: { id: 'media', en: 'a media organisation' },
  academia: { id: 'akademisi/perguruan tinggi', en: 'an academic institution' },
  business: { id: 'pelaku usaha', en: 'a business' },
  philanthropy: { id: 'lembaga filantropi', en: 'a philanthropic organisation' },
  community: { id: 'kelompok masyarakat', en: 'a community group' },
  international_donor: { id: 'mitra pembangunan internasional', en: 'an international development partner' },
};

export const roleLabels: Labels<AgreementPartyRole> = {
  lead: { id: 'pemimpin kemitraan', en: 'partnership lead' },
  partner: { id: 'mitra', en: 'partner' },
  supporter: { id: 'pendukung', en: 'supporter' },
  beneficiary: { id: 'penerima manfaat', en: 'beneficiary' },
  evaluator: { id: 'evaluator', en: 'evaluator' },
};

export const contributionLabels: Labels<ContributionKind> = {
  funds: { id: 'Pendanaan', en: 'Funds' },
  expertise: { id: 'Keahlian dan keterampilan', en: 'Expertise and skills' },
  network: { id: 'Jejaring', en: 'Network' },
  geographic_reach: { id: 'Jangkauan wilayah', en: 'Geographic reach' },
  regulation: { id: 'Regulasi, rekomendasi atau dukungan tertulis', en: 'Regulation, recommendation or written support' },
  labour: { id: 'Dukungan moril dan tenaga', en: 'Moral support and labour' },
  supervision: { id: 'Pengawasan, audit dan pelaporan', en: 'Supervision, audit and reporting' },
  facilities: { id: 'Fasilitas', en: 'Facilities' },
};

export const fundingLabels: Labels<FundingMechanism> = {
  separate: {
    id: 'pendanaan terpisah: setiap Pihak membiayai kegiatannya sendiri dari anggarannya masing-masing, dengan perencanaan bersama dan keterbukaan informasi',
    en: 'separate funding: each Party funds its own activities from its own budget, with joint planning and open information',
  },
  co_funding: {
    id: 'pendanaan bersama (co-funding): Para Pihak membiayai kegiatan secara bersama-sama sesuai kesepakatan',
    en: 'co-funding: the Parties fund activities jointly as agreed',
  },
  common_fund: {
    id: 'dana bersama (common fund): dana Para Pihak dihimpun dalam kelembagaan kemitraan dan penggunaannya diputuskan bersama',
    en: "a common fund: the Parties' money is pooled in the partnership institution and its use is decided jointly",
  },
};

export const frequencyLabels: Labels<Frequency> = {
  monthly: { id: 'setiap bulan', en: 'every month' },
  quarterly: { id: 'setiap triwulan', en: 'every quarter' },
  semiannual: { id: 'setiap semester', en: 'every six months' },
  annual: { id: 'setiap tahun', en: 'every year' },
};

export const decisionRuleLabels: Labels<DecisionRule> = {
  consensus: { id: 'musyawarah untuk mufakat', en: 'consensus (musyawarah untuk mufakat)' },
  majority: {
    id: 'musyawarah, dan suara terbanyak apabila musyawarah tidak mencapai mufakat',
    en: 'deliberation, and a majority vote where deliberation does not reach consensus',
  },
};

export const defaultMediator: Record<Language, string> = {
  id: 'pihak ketiga yang netral dan disepakati bersama',
  en: 'a neutral third party chosen jointly',
};

const ordinals: Record<Language, string[]> = {
  id: ['PERTAMA', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA', 'KEENAM', 'KETUJUH', 'KEDELAPAN', 'KESEMBILAN', 'KESEPULUH'],
  en: ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'FIFTH', 'SIXTH', 'SEVENTH', 'EIGHTH', 'NINTH', 'TENTH'],
};

/** `PIHAK KEDUA` / `SECOND PARTY`; past ten, `PIHAK KE-11` / `PARTY 11`. */
export function partyLabel(index: number, language: Language): string {
  const ordinal = ordinals[language][index];
  if (language === 'id') return ordinal ? `PIHAK ${ordinal}` : `PIHAK KE-${index + 1}`;
  return ordinal ? `${ordinal} PARTY` : `PARTY ${index + 1}`;
}

const months: Record<Language, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `YYYY-MM-DD` as `1 Juli 2026` / `1 July 2026`. */
export function formatCalendarDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${months[language][month - 1]} ${year}`;
}

/** The last day of a term of `months` months from `start` (`2026-07-01` + 12 → `2027-06-30`). */
export function termEndDate(start: string, termMonths: number): string {
  const [year, month, day] = start.split('-').map(Number);
  const monthIndex = month - 1 + termMonths;
  const lastDayOfMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  // A term from 31 January for one month ends with February; otherwise on the day before the same date.
  const end = day > lastDayOfMonth ? Date.UTC(year, monthIndex, lastDayOfMonth) : Date.UTC(year, monthIndex, day) - 24 * 60 * 60 * 1000;
  return new Date(end).toISOString().slice(0, 10);
}

/** Rupiah: `Rp 100.000.000` / `IDR 100,000,000`. */
export function formatRupiah(amount: number, language: Language): string {
  const digits = String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'id' ? '.' : ',');
  return language === 'id' ? `Rp ${digits}` : `IDR ${digits}`;
}

/** `A, B dan C` / `A, B and C`. */
export function joinList(items: string[], language: Language): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'id' ? 'dan' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
