import { firstStage, nextStage, stageDefinition, stages } from './stages';

describe('partnership stages', () => {
  it('has the five stages with twelve steps numbered in order', () => {
    expect(stages.map((s) => s.id)).toEqual(['initiation', 'formation', 'implementation', 'monitoring', 'maturation']);
    expect(stages.flatMap((s) => s.steps.map((step) => step.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('starts at initiation and walks forward to maturation, then stops', () => {
    expect(firstStage).toBe('initiation');
    expect(nextStage('initiation')).toBe('formation');
    expect(nextStage('monitoring')).toBe('maturation');
    expect(nextStage('maturation')).toBeUndefined();
  });

  it('names every stage in Bahasa Indonesia and English', () => {
    expect(stageDefinition('formation').title).toEqual({ id: 'Pembentukan', en: 'Formation' });
  });
});
