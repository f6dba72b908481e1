/**
 * The short beep when a phase's time is up. Off unless the person turned it on (remembered
 * in localStorage). Browsers start audio only after a user gesture, so turning it on also
 * unlocks the audio context.
 */
import { keys, localStore, removeKey } from '../storage';

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor: AudioContextClass | undefined =
    globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

export function soundEnabled(): boolean {
  return localStore().getItem(keys.sound) === 'on';
}

export function setSoundEnabled(on: boolean): void {
  if (on) {
    try {
      localStore().setItem(keys.sound, 'on');
    } catch {
      // Not remembered; it stays on for this page.
    }
  } else removeKey(localStore(), keys.sound);
}

/** Three short tones. Silently does nothing where audio is unavailable or still locked. */
export function beep(times = 3): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  const start = ctx.currentTime + 0.02;
  for (let i = 0; i < times; i++) {
    const t0 = start + i * 0.28;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.2);
  }
}
