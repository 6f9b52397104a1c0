import type { StageId } from '@mitra/contracts';

export interface LocalisedText {
  id: string;
  en: string;
}

/** Who completes a task: the coordinator (secretariat) or a partner representative. */
export type TaskOwner = 'coordinator' | 'partner';

export interface TaskDefinition {
  id: string;
  title: LocalisedText;
  owner: TaskOwner;
}

export interface StepDefinition {
  number: number;
  title: LocalisedText;
  tasks: TaskDefinition[];
}

export interface QuestionDefinition {
  id: string;
  text: LocalisedText;
}

export interface StageDefinition {
  id: StageId;
  title: LocalisedText;
  steps: StepDefinition[];
  /** The guide's guiding questions: the gate asks every one of them. */
  questions: QuestionDefinition[];
}

const task = (id: string, owner: TaskOwner, idText: string, en: string): TaskDefinition => ({
  id,
  owner,
  title: { id: idText, en },
});
const question = (id: string, idText: string, en: string): QuestionDefinition => ({ id, text: { id: idText, en } });

/** The Bappenas 2019 guide's five stages, twelve steps, their tasks and guiding questions, in order. */
export const stages: readonly StageDefinition[] = [
  {
    id: 'initiation',
    title: { id: 'Inisiasi', en: 'Initiation' },
    steps: [
      {
        number: 1,
        title: { id: 'Memulai', en: 'Getting started' },
        tasks: [
          task('1.1', 'coordinator', 'Merumuskan tantangan TPB', 'Formulate the SDG challenge'),
          task('1.2', 'coordinator', 'Memetakan sumber daya dan cara memperolehnya', 'Map resources and how to get them'),
          task('1.3', 'coordinator', 'Merencanakan kemitraan', 'Plan to partner'),
          task('1.4', 'coordinator', 'Memetakan mitra dan pemangku kepentingan', 'Map partners and stakeholders'),
        ],
      },
      {
        number: 2,
        title: { id: 'Pembentukan agenda', en: 'Agenda setting' },
        tasks: [
          task('2.1', 'partner', 'Membangun pemahaman bersama atas tantangan', 'Build a shared understanding of the challenge'),
          task('2.2', 'coordinator', 'Menetapkan tujuan dan sasaran kemitraan', 'Set the partnership goals and targets'),
          task('2.3', 'coordinator', 'Menetapkan ruang lingkup dan batasan', 'Set scope and boundaries'),
          task('2.4', 'coordinator', 'Mengaitkan dengan tujuan dan target TPB beserta baseline', 'Link to SDG goals and targets with a baseline'),
        ],
      },
      {
        number: 3,
        title: { id: 'Membangun kemitraan', en: 'Building the partnership' },
        tasks: [
          task('3.1', 'partner', 'Memetakan sumber daya para mitra', "Map the partners' resources"),
          task('3.2', 'coordinator', 'Memetakan risiko dan manfaat', 'Map risks and benefits'),
          task('3.3', 'coordinator', 'Merajut kesepakatan kemitraan', 'Weave the partnership agreement'),
          task('3.4', 'coordinator', 'Menyepakati mekanisme akuntabilitas kemitraan', 'Agree how the partnership is held accountable'),
        ],
      },
    ],
    questions: [
      question('I.1', 'Apakah alasan kemitraan sudah spesifik?', 'Is the reason for the partnership specific?'),
      question('I.2', 'Apakah pemetaan pemangku kepentingan sudah dilakukan?', 'Has the stakeholder map been made?'),
      question('I.3', 'Apakah komposisi mitra inklusif dan berimbang gender?', 'Is the composition inclusive and gender-balanced?'),
      question('I.4', 'Apakah dukungan para pihak sudah diperoleh?', 'Is the support of the parties secured?'),
      question(
        'I.5',
        'Apakah mandat dan ruang lingkup jelas dan selaras dengan prioritas nasional dan daerah (RPJMN, RPJMD, RKP, RAN/RAD TPB, KLHS)?',
        'Are the mandate and scope clear and aligned with national and regional priorities (RPJMN, RPJMD, RKP, RAN/RAD TPB, KLHS)?',
      ),
      question('I.6', 'Apakah proses dan rencana kerja sudah disusun?', 'Are the process and work plan drafted?'),
    ],
  },
  {
    id: 'formation',
    title: { id: 'Pembentukan', en: 'Formation' },
    steps: [
      {
        number: 4,
        title: { id: 'Perencanaan', en: 'Planning' },
        tasks: [
          task('4.1', 'coordinator', 'Merencanakan komponen kemitraan', 'Plan the partnership components'),
          task('4.2', 'partner', 'Merencanakan kegiatan', 'Plan the activities'),
        ],
      },
      {
        number: 5,
        title: { id: 'Menetapkan susunan lembaga kemitraan', en: 'Institutional set-up' },
        tasks: [
          task('5.1', 'coordinator', 'Menyepakati kepemimpinan dan struktur organisasi', 'Agree leadership and organisation structure'),
          task('5.2', 'partner', 'Menyepakati peran dan tanggung jawab setiap mitra', 'Agree the roles and responsibilities of each partner'),
          task('5.3', 'coordinator', 'Menyepakati tata kelola', 'Agree the governance'),
        ],
      },
      {
        number: 6,
        title: { id: 'Pengerahan sumber daya', en: 'Resource mobilisation' },
        tasks: [
          task('6.1', 'coordinator', 'Memobilisasi mitra', 'Mobilise the partners'),
          task('6.2', 'partner', 'Memobilisasi sumber daya', 'Mobilise the resources'),
        ],
      },
    ],
    questions: [
      question('II.1', 'Apakah strategi sudah disepakati secara rinci?', 'Is the strategy agreed in detail?'),
      question('II.2', 'Apakah ada visi bersama?', 'Is there a shared vision?'),
      question('II.3', 'Apakah pembagian tugas sudah disepakati?', 'Is the division of tasks agreed?'),
      question('II.4', 'Apakah kepemimpinan sudah disepakati?', 'Is the leadership agreed?'),
      question('II.5', 'Apakah proses pengambilan keputusan yang inklusif sudah disepakati?', 'Is an inclusive decision process agreed?'),
      question('II.6', 'Apakah kesepakatan sudah dikomunikasikan kepada semua pihak?', 'Have the agreements been communicated to all?'),
    ],
  },
  {
    id: 'implementation',
    title: { id: 'Pelaksanaan', en: 'Implementation' },
    steps: [
      {
        number: 7,
        title: { id: 'Melaksanakan kegiatan dan hasil TPB', en: 'Deliver activities and SDG results' },
        tasks: [
          task('7.1', 'coordinator', 'Mengoordinasikan para mitra', 'Coordinate the partners'),
          task('7.2', 'coordinator', 'Melaksanakan komponen bersama', 'Run the joint components'),
          task('7.3', 'partner', 'Melaksanakan komponen masing-masing mitra', "Run each partner's own components"),
          task('7.4', 'coordinator', 'Menjaga proses tetap sesuai prinsip', 'Keep the process true to the principles'),
        ],
      },
      {
        number: 8,
        title: { id: 'Mengukur kemajuan', en: 'Measure progress' },
        tasks: [
          task('8.1', 'partner', 'Melaporkan kemajuan', 'Report progress'),
          task('8.2', 'coordinator', 'Mengukur komponen dan capaian', 'Measure components and achievements'),
          task('8.3', 'coordinator', 'Mengevaluasi proses kerja sama', 'Evaluate the cooperation process'),
        ],
      },
    ],
    questions: [
      question('III.1', 'Apakah rencana kerja rinci sudah ada?', 'Is there a detailed work plan?'),
      question('III.2', 'Apakah masalah sumber daya sudah terselesaikan?', 'Are resource issues solved?'),
      question('III.3', 'Apakah kapasitas yang dibutuhkan tersedia?', 'Is the needed capacity present?'),
      question('III.4', 'Apakah komitmen dipenuhi?', 'Are commitments kept?'),
      question('III.5', 'Apakah keputusan diambil secara inklusif?', 'Are decisions inclusive?'),
      question('III.6', 'Apakah tata kelola, komunikasi, dan koordinasi berjalan?', 'Are governance, communication and coordination working?'),
      question('III.7', 'Apakah mekanisme pemantauan dan pelaporan sudah ditetapkan?', 'Is the monitoring and reporting mechanism set?'),
      question('III.8', 'Apakah ekspektasi para pihak dikelola?', 'Are expectations managed?'),
    ],
  },
  {
    id: 'monitoring',
    title: { id: 'Pemantauan dan pembelajaran', en: 'Monitoring and learning' },
    steps: [
      {
        number: 9,
        title: { id: 'Pemantauan', en: 'Monitoring' },
        tasks: [
          task('9.1', 'coordinator', 'Memantau kemajuan dan mengukur dampak', 'Monitor progress and measure impact'),
          task('9.2', 'coordinator', 'Memantau proses kemitraan', 'Monitor the partnering process'),
        ],
      },
      {
        number: 10,
        title: { id: 'Evaluasi dan pembelajaran', en: 'Evaluation and learning' },
        tasks: [
          task('10.1', 'partner', 'Menarik pembelajaran', 'Draw the lessons'),
          task('10.2', 'coordinator', 'Melakukan perbaikan', 'Make improvements'),
        ],
      },
    ],
    questions: [
      question('IV.1', 'Apakah keberhasilan diukur terhadap indikator TPB dan baseline?', 'Is success measured against the SDG indicators and the baseline?'),
      question('IV.2', 'Apakah panel evaluasi mewakili semua pemangku kepentingan?', 'Does the evaluation panel represent all stakeholders?'),
      question('IV.3', 'Apakah data terpilah menurut jenis kelamin tersedia?', 'Is sex-disaggregated data available?'),
      question('IV.4', 'Apakah yang berhasil dan yang gagal sudah didokumentasikan?', 'Is what worked and what failed documented?'),
    ],
  },
  {
    id: 'maturation',
    title: { id: 'Pengembangan dan pematangan', en: 'Development and maturation' },
    steps: [
      {
        number: 11,
        title: { id: 'Pengembangan', en: 'Development' },
        tasks: [task('11.1', 'coordinator', 'Memperluas cakupan atau mengatasi kendala', 'Expand the scope or fix constraints')],
      },
      {
        number: 12,
        title: { id: 'Inovasi atau penyelesaian', en: 'Innovation or completion' },
        tasks: [task('12.1', 'coordinator', 'Menimbang pembaruan, pengalihan, atau penutupan', 'Weigh renewal, transfer or closure')],
      },
    ],
    questions: [
      question('V.1', 'Apakah tujuan kemitraan telah tercapai?', 'Has the partnership reached its goals?'),
      question('V.2', 'Apakah keputusan lanjutan diambil bersama semua mitra?', 'Is the next step decided together with all partners?'),
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

export function stageTasks(stage: StageId): TaskDefinition[] {
  return stageDefinition(stage).steps.flatMap((step) => step.tasks);
}

/** The stage a task or question id belongs to, if any. */
export function findTask(taskId: string): { stage: StageId; task: TaskDefinition } | undefined {
  for (const stage of stages) {
    const found = stage.steps.flatMap((s) => s.tasks).find((t) => t.id === taskId);
    if (found) return { stage: stage.id, task: found };
  }
  return undefined;
}

export function findQuestion(questionId: string): { stage: StageId; question: QuestionDefinition } | undefined {
  for (const stage of stages) {
    const found = stage.questions.find((q) => q.id === questionId);
    if (found) return { stage: stage.id, question: found };
  }
  return undefined;
}
