import type { StageId } from '@mitra/contracts';

export interface LocalisedText {
  id: string;
  en: string;
}

export interface StepDefinition {
  number: number;
  title: LocalisedText;
}

export interface StageDefinition {
  id: StageId;
  title: LocalisedText;
  steps: StepDefinition[];
}

/** The Bappenas 2019 guide's five stages and twelve steps, in order. */
export const stages: readonly StageDefinition[] = [
  {
    id: 'initiation',
    title: { id: 'Inisiasi', en: 'Initiation' },
    steps: [
      { number: 1, title: { id: 'Memulai', en: 'Getting started' } },
      { number: 2, title: { id: 'Pembentukan agenda', en: 'Agenda setting' } },
      { number: 3, title: { id: 'Membangun kemitraan', en: 'Building the partnership' } },
    ],
  },
  {
    id: 'formation',
    title: { id: 'Pembentukan', en: 'Formation' },
    steps: [
      { number: 4, title: { id: 'Perencanaan', en: 'Planning' } },
      { number: 5, title: { id: 'Menetapkan susunan lembaga kemitraan', en: 'Institutional set-up' } },
      { number: 6, title: { id: 'Pengerahan sumber daya', en: 'Resource mobilisation' } },
    ],
  },
  {
    id: 'implementation',
    title: { id: 'Pelaksanaan', en: 'Implementation' },
    steps: [
      { number: 7, title: { id: 'Melaksanakan kegiatan dan hasil TPB', en: 'Deliver activities and SDG results' } },
      { number: 8, title: { id: 'Mengukur kemajuan', en: 'Measure progress' } },
    ],
  },
  {
    id: 'monitoring',
    title: { id: 'Pemantauan dan pembelajaran', en: 'Monitoring and learning' },
    steps: [
      { number: 9, title: { id: 'Pemantauan', en: 'Monitoring' } },
      { number: 10, title: { id: 'Evaluasi dan pembelajaran', en: 'Evaluation and learning' } },
    ],
  },
  {
    id: 'maturation',
    title: { id: 'Pengembangan dan pematangan', en: 'Development and maturation' },
    steps: [
      { number: 11, title: { id: 'Pengembangan', en: 'Development' } },
      { number: 12, title: { id: 'Inovasi atau penyelesaian', en: 'Innovation or completion' } },
    ],
  },
];

export const firstStage: StageId = stages[0].id;

export function stageDefinition(stage: StageId): StageDefinition {
  const found = stages.find((s) => s.id === stage);
  if (!found) throw new Error(`Unknown stage ${stage}`);
  return found;
}

/** The stage after `stage`, or undefined after the last one. */
export function nextStage(stage: StageId): StageId | undefined {
  const index = stages.findIndex((s) => s.id === stage);
  return stages[index + 1]?.id;
}
