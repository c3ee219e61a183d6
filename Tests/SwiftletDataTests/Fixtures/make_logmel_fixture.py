"""Reference log-mel features for LogMelFrontEndReferenceTests, computed independently with numpy.

Reads Data/speech-commands/yes/439c84f4_nohash_1.wav with the standard-library `wave` module and applies the
front end documented in Sources/SwiftletData/Audio/LogMelFrontEnd.swift in float64: pad/trim to 16,000 samples,
scale by 1/32768, 40 ms periodic Hann windows every 20 ms, 1,024-point numpy rfft, |X|^2, 40 HTK mel triangles
over 20 Hz-8 kHz (peak 1), ln(energy + 1e-6). Writes 49 x 40 values, one frame per line.
Run from the repository root: python3 Tests/SwiftletDataTests/Fixtures/make_logmel_fixture.py
"""
import wave
import numpy as np

with wave.open("Data/speech-commands/yes/439c84f4_nohash_1.wav") as clip:
    assert clip.getframerate() == 16000 and clip.getnchannels() == 1 and clip.getsampwidth() == 2
    samples = np.frombuffer(clip.readframes(clip.getnframes()), dtype="<i2").astype(np.float64)
signal = np.zeros(16000)
signal[: min(16000, len(samples))] = samples[:16000] / 32768.0
window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(640) / 640)
mel = lambda f: 2595 * np.log10(1 + f / 700)
hz = lambda m: 700 * (10 ** (m / 2595) - 1)
edges = hz(np.linspace(mel(20.0), mel(8000.0), 42))
edges[0], edges[-1] = 20.0, 8000.0
freqs = np.arange(513) * 16000 / 1024
bank = np.zeros((40, 513))
for i in range(40):
    left, centre, right = edges[i : i + 3]
    bank[i] = np.maximum(0, np.minimum((freqs - left) / (centre - left), (right - freqs) / (right - centre)))
rows = []
for frame in range(49):
    chunk = signal[frame * 320 : frame * 320 + 640] * window
    power = np.abs(np.fft.rfft(chunk, n=1024)) ** 2
    rows.append(np.log(bank @ power + 1e-6))
with open("Tests/SwiftletDataTests/Fixtures/logmel-yes-439c84f4_nohash_1.txt", "w") as out:
    for row in rows:
        out.write(" ".join(f"{v:.6f}" for v in row) + "\n")
