import { pointerRelease } from './pointer-release';

describe('pointerRelease', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs an action at once when no pointer is pressed (the focus left by the keyboard)', () => {
    const release = pointerRelease(new EventTarget());
    const action = jest.fn();
    release.after(action);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('holds an action back while a pointer is pressed, and runs it once after the click that follows the release', () => {
    const page = new EventTarget();
    const release = pointerRelease(page);
    const order: string[] = [];
    page.addEventListener('click', () => order.push('click'));
    page.dispatchEvent(new Event('pointerdown'));
    release.after(() => order.push('error shown'));
    expect(order).toEqual([]);

    page.dispatchEvent(new Event('pointerup'));
    page.dispatchEvent(new Event('click'));
    jest.runAllTimers();
    expect(order).toEqual(['click', 'error shown']);

    page.dispatchEvent(new Event('pointerup'));
    jest.runAllTimers();
    expect(order).toEqual(['click', 'error shown']);
  });

  it('lets a cancelled press go too', () => {
    const page = new EventTarget();
    const release = pointerRelease(page);
    const action = jest.fn();
    page.dispatchEvent(new Event('pointerdown'));
    release.after(action);
    page.dispatchEvent(new Event('pointercancel'));
    jest.runAllTimers();
    expect(action).toHaveBeenCalledTimes(1);
  });
});
