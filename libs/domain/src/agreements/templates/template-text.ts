import type { AgreementKind, ClauseKey, Language } from '@mitra/contracts';

/**
 * The wording of the two templates, as data. A line is filled from the draft's fields:
 * - `{token}` is replaced by a field's text; a line whose token has no value is left out;
 * - a line that is only `{list:name}` becomes one lettered line per item;
 * - `{ each: 'parties' }` repeats its lines for each party, with `{party.*}` tokens;
 * - `{ only: kind }` keeps a line in one template.
 * `{doc}` names the document (Nota Kesepahaman / Perjanjian Kerja Sama).
 */
export type TemplateLine = string | { only: AgreementKind; text: string } | { each: 'parties'; lines: TemplateLine[] };

export interface ClauseTemplate {
  key: ClauseKey;
  heading: Record<Language, string>;
  lines: Record<Language, TemplateLine[]>;
}

export interface TemplateText {
  title: Record<AgreementKind, Record<Language, string>>;
  doc: Record<AgreementKind, Record<Language, string>>;
  clauseWord: Record<Language, string>;
  opening: Record<Language, TemplateLine[]>;
  clauses: ClauseTemplate[];
}

export const templateText: TemplateText = {
  title: {
    mou: { id: 'Nota Kesepahaman tentang {title}', en: 'Memorandum of Understanding on {title}' },
    pks: { id: 'Perjanjian Kerja Sama tentang {title}', en: 'Cooperation Agreement on {title}' },
  },
  doc: {
    mou: { id: 'Nota Kesepahaman', en: 'Memorandum' },
    pks: { id: 'Perjanjian', en: 'Agreement' },
  },
  clauseWord: { id: 'Pasal', en: 'Article' },
  opening: {
    id: [
      '{doc} ini dibuat di {place} oleh Para Pihak yang tercantum dalam Pasal 1, sebagai wujud kemitraan multipihak untuk pelaksanaan Tujuan Pembangunan Berkelanjutan (TPB/SDGs), berlandaskan kesepakatan sukarela, kesetaraan, keterbukaan dan saling menguntungkan.',
      { only: 'pks', text: '{doc} ini merupakan pelaksanaan dari {mouReference}.' },
    ],
    en: [
      'This {doc} is made in {place} by the Parties named in Article 1, as a multi-stakeholder partnership for the Sustainable Development Goals (SDGs), founded on voluntary agreement, equality, openness and mutual benefit.',
      { only: 'pks', text: 'This {doc} implements {mouReference}.' },
    ],
  },
  clauses: [
    {
      key: 'parties',
      heading: { id: 'Para Pihak', en: 'The Parties' },
      lines: {
        id: [
          '{doc} ini dibuat oleh dan antara:',
          {
            each: 'parties',
            lines: [
              '{party.number}. {party.name}, {party.sector}{party.address}, dalam hal ini diwakili oleh {party.representative.name} selaku {party.representative.title}, selanjutnya disebut {party.label};',
            ],
          },
          '{partyLabels} selanjutnya secara bersama-sama disebut "Para Pihak" dan masing-masing disebut "Pihak".',
        ],
        en: [
          'This {doc} is made by and between:',
          {
            each: 'parties',
            lines: [
              '{party.number}. {party.name}, {party.sector}{party.address}, represented by {party.representative.name} as {party.representative.title}, hereinafter the {party.label};',
            ],
          },
          '{partyLabels} are together called "the Parties" and each "a Party".',
        ],
      },
    },
    {
      key: 'background_purpose',
      heading: { id: 'Latar Belakang dan Tujuan', en: 'Background and Purpose' },
      lines: {
        id: [
          'Latar belakang: {background}',
          'Tujuan {doc} ini adalah: {purpose}',
          'Kemitraan ini berkontribusi pada target TPB {sdgTargets}, selaras dengan prioritas pembangunan nasional dan daerah.',
        ],
        en: [
          'Background: {background}',
          'The purpose of this {doc} is: {purpose}',
          'The partnership contributes to SDG targets {sdgTargets}, in line with national and regional development priorities.',
        ],
      },
    },
    {
      key: 'scope',
      heading: { id: 'Ruang Lingkup', en: 'Scope' },
      lines: {
        id: ['Ruang lingkup {doc} ini meliputi:', '{list:scope}'],
        en: ['The scope of this {doc} covers:', '{list:scope}'],
      },
    },
    {
      key: 'roles_contributions',
      heading: { id: 'Peran, Tanggung Jawab dan Kontribusi Para Pihak', en: 'Roles, Responsibilities and Contributions of the Parties' },
      lines: {
        id: [
          {
            each: 'parties',
            lines: [
              '{party.label} ({party.name}) berperan sebagai {party.role}, dengan tanggung jawab:',
              '{list:party.responsibilities}',
              '{party.contributionsHeading}',
              '{list:party.contributions}',
            ],
          },
          'Kontribusi dapat berupa dukungan finansial maupun non-finansial, termasuk keahlian, jejaring, fasilitas dan tenaga.',
          { only: 'pks', text: 'Setiap Pihak wajib melaksanakan tanggung jawab dan menyerahkan kontribusi yang tercantum dalam Pasal ini.' },
        ],
        en: [
          {
            each: 'parties',
            lines: [
              'The {party.label} ({party.name}) acts as {party.role}, with these responsibilities:',
              '{list:party.responsibilities}',
              '{party.contributionsHeading}',
              '{list:party.contributions}',
            ],
          },
          'Contributions may be financial or non-financial, including expertise, networks, facilities and labour.',
          { only: 'pks', text: 'Each Party shall carry out the responsibilities and deliver the contributions listed in this Article.' },
        ],
      },
    },
    {
      key: 'governance',
      heading: { id: 'Tata Kelola dan Pengambilan Keputusan', en: 'Governance and Decision-Making' },
      lines: {
        id: [
          'Kemitraan dikelola oleh {governanceBody}, yang beranggotakan wakil dari setiap Pihak.',
          'Keputusan diambil melalui {decisionRule}, dengan memastikan setiap Pihak, termasuk wakil kelompok rentan, dapat menyampaikan pendapatnya.',
          'Rapat koordinasi diselenggarakan {meetingFrequency}; notulen, data dan kemajuan didokumentasikan dan dapat diakses oleh seluruh Pihak.',
        ],
        en: [
          'The partnership is managed by {governanceBody}, with a representative of each Party.',
          'Decisions are taken by {decisionRule}, making sure that every Party, including representatives of vulnerable groups, can be heard.',
          'Coordination meetings are held {meetingFrequency}; minutes, data and progress are documented and open to all Parties.',
        ],
      },
    },
    {
      key: 'communication',
      heading: { id: 'Komunikasi', en: 'Communication' },
      lines: {
        id: [
          '{communication}',
          'Pemberitahuan resmi dalam rangka {doc} ini disampaikan secara tertulis kepada wakil setiap Pihak sebagaimana tercantum dalam Pasal 1.',
        ],
        en: ['{communication}', 'Formal notices under this {doc} are given in writing to the representative of each Party named in Article 1.'],
      },
    },
    {
      key: 'funding',
      heading: { id: 'Mekanisme Pendanaan', en: 'Funding Mechanism' },
      lines: {
        id: [
          'Kegiatan dibiayai dengan mekanisme {fundingMechanism}.',
          '{fundingNotes}',
          { only: 'mou', text: '{doc} ini tidak menimbulkan kewajiban keuangan di luar yang disepakati secara tertulis; kewajiban keuangan yang lebih rinci diatur dalam Perjanjian Kerja Sama.' },
          { only: 'pks', text: 'Setiap penggunaan dana kemitraan dicatat dalam Rupiah dan dilaporkan sesuai standar akuntansi yang diakui.' },
        ],
        en: [
          'Activities are funded through {fundingMechanism}.',
          '{fundingNotes}',
          { only: 'mou', text: 'This {doc} creates no financial obligation beyond what is agreed in writing; detailed financial obligations are set in Cooperation Agreements.' },
          { only: 'pks', text: 'Every use of partnership funds is recorded in Rupiah and reported to recognised accounting standards.' },
        ],
      },
    },
    {
      key: 'accountability_reporting',
      heading: { id: 'Akuntabilitas dan Pelaporan', en: 'Accountability and Reporting' },
      lines: {
        id: [
          'Setiap Pihak menyampaikan laporan kemajuan {reportingFrequency} kepada {governanceBody}, mencakup kegiatan, capaian terhadap target dan baseline, serta penggunaan sumber daya.',
          '{reportingNotes}',
          'Para Pihak menyusun laporan tahunan tentang tata kelola, pendanaan dan kemajuan kemitraan yang terbuka bagi publik, dengan data terpilah menurut jenis kelamin.',
        ],
        en: [
          'Each Party reports progress {reportingFrequency} to {governanceBody}, covering activities, achievements against targets and the baseline, and the use of resources.',
          '{reportingNotes}',
          'The Parties prepare a public annual report on the governance, funding and progress of the partnership, with sex-disaggregated data.',
        ],
      },
    },
    {
      key: 'confidentiality_data',
      heading: { id: 'Kerahasiaan dan Data', en: 'Confidentiality and Data' },
      lines: {
        id: [
          'Para Pihak menjaga kerahasiaan informasi yang dinyatakan rahasia oleh Pihak pemberinya dan hanya menggunakannya untuk pelaksanaan {doc} ini.',
          'Data pribadi diproses sesuai peraturan perundang-undangan tentang pelindungan data pribadi; data kemitraan yang tidak rahasia dibagikan secara terbuka kepada seluruh Pihak.',
          '{confidentiality}',
        ],
        en: [
          'The Parties keep confidential any information its provider declares confidential, and use it only to carry out this {doc}.',
          'Personal data are processed under the law on personal data protection; partnership data that are not confidential are shared openly with all Parties.',
          '{confidentiality}',
        ],
      },
    },
    {
      key: 'duration_amendment_termination',
      heading: { id: 'Jangka Waktu, Perubahan dan Pengakhiran', en: 'Duration, Amendment and Termination' },
      lines: {
        id: [
          '{doc} ini berlaku selama {durationMonths} bulan, terhitung sejak {startDate} sampai dengan {endDate}, dan dapat diperpanjang atas kesepakatan Para Pihak.',
          'Perubahan {doc} ini dituangkan dalam versi baru (amendemen) yang ditandatangani oleh Pihak yang terdampak oleh perubahan tersebut, dan menjadi bagian yang tidak terpisahkan dari {doc} ini.',
          'Setiap Pihak dapat mengakhiri keikutsertaannya dengan pemberitahuan tertulis paling lambat 30 (tiga puluh) hari sebelumnya, tanpa mengurangi kewajiban yang sedang berjalan.',
        ],
        en: [
          'This {doc} is in force for {durationMonths} months, from {startDate} to {endDate}, and may be extended by agreement of the Parties.',
          'Amendments to this {doc} are made as a new version signed by the Parties the change affects, and form an integral part of this {doc}.',
          'Any Party may end its participation by written notice at least 30 (thirty) days in advance, without prejudice to obligations already under way.',
        ],
      },
    },
    {
      key: 'dispute_resolution',
      heading: { id: 'Penyelesaian Perselisihan', en: 'Dispute Resolution' },
      lines: {
        id: [
          'Perselisihan yang timbul dari pelaksanaan {doc} ini diselesaikan secara musyawarah untuk mufakat.',
          'Apabila musyawarah tidak mencapai mufakat dalam 30 (tiga puluh) hari, Para Pihak menempuh mediasi melalui {mediator}.',
        ],
        en: [
          'Disputes arising from this {doc} are settled by deliberation to reach consensus (musyawarah untuk mufakat).',
          'If deliberation does not reach consensus within 30 (thirty) days, the Parties go to mediation through {mediator}.',
        ],
      },
    },
    {
      key: 'closing',
      heading: { id: 'Penutup', en: 'Closing' },
      lines: {
        id: [
          '{doc} ini dibuat dalam bahasa Indonesia dan bahasa Inggris; apabila terdapat perbedaan penafsiran, naskah bahasa Indonesia yang berlaku.',
          'Setiap Pihak menandatangani {doc} ini secara elektronik dengan kuncinya sendiri atas nilai hash SHA-256 dari bentuk kanonik versi ini; {doc} ini berlaku setelah seluruh Pihak yang disyaratkan menandatanganinya.',
        ],
        en: [
          'This {doc} is made in Indonesian and English; where they differ, the Indonesian text prevails.',
          'Each Party signs this {doc} electronically with its own key over the SHA-256 hash of the canonical form of this version; this {doc} takes effect once every required Party has signed it.',
        ],
      },
    },
  ],
};
