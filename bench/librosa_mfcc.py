"""Times librosa's MFCC on raw float32 files for `npm run bench` (bench/mfcc-librosa.ts).

Usage: python3 bench/librosa_mfcc.py RUNS FILE.f32 [FILE.f32 ...]  (16 kHz mono float32, little endian)
Prints one JSON line: {"impl", "version", "results": [{"file", "frames", "median_ms", "mfcc_first"}]}.

With librosa installed it times `librosa.feature.mfcc(y=y, sr=16000, n_mfcc=13)` itself. Without it
(Debian 12 has no python3-librosa and PyPI is out of reach here) it times the same numpy and scipy
calls librosa 0.11 makes, in the same order and dtypes (float64 window × float32 frames → rfft,
complex64 storage, float32 |X|², float32 mel matrix product, power_to_db, scipy.fft.dct ortho), and
says so in "impl": a stand-in for librosa's speed, not librosa.
"""
import json
import sys
import time

import numpy as np

SR, N_FFT, HOP, N_MELS, N_MFCC = 16000, 2048, 512, 128, 13


def slaney_mel_basis(sr):
    """librosa.filters.mel(sr=sr, n_fft=2048, n_mels=128) (Slaney scale and norm, float32)."""
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0

    def hz_to_mel(f):
        f = np.asanyarray(f, dtype=np.float64)
        mels = f / f_sp
        return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, mels)

    def mel_to_hz(m):
        m = np.asanyarray(m, dtype=np.float64)
        return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)

    fftfreqs = np.fft.rfftfreq(n=N_FFT, d=1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(sr / 2.0), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((N_MELS, 1 + N_FFT // 2), dtype=np.float32)
    for i in range(N_MELS):
        weights[i] = np.maximum(0, np.minimum(-ramps[i] / fdiff[i], ramps[i + 2] / fdiff[i + 1]))
    weights *= (2.0 / (mel_f[2 : N_MELS + 2] - mel_f[:N_MELS]))[:, np.newaxis]
    return weights


def numpy_mfcc_factory():
    import scipy.fft
    import scipy.signal

    window = scipy.signal.get_window('hann', N_FFT, fftbins=True).reshape(-1, 1)
    basis = slaney_mel_basis(SR)

    def mfcc(y):
        y = np.pad(y, (N_FFT // 2, N_FFT // 2), mode='constant')
        frames = np.lib.stride_tricks.sliding_window_view(y, N_FFT)[::HOP].T
        stft = np.empty((1 + N_FFT // 2, frames.shape[1]), dtype=np.complex64)
        # librosa fills the STFT in blocks of 256 KiB of output, each one rfft call.
        block = max(1, (2**8 * 2**10) // (stft.shape[0] * stft.itemsize))
        for s in range(0, frames.shape[1], block):
            stft[:, s : s + block] = np.fft.rfft(window * frames[:, s : s + block], axis=0)
        power = np.abs(stft) ** 2
        mel = np.einsum('ft,mf->mt', power, basis, optimize=True)
        log_spec = 10.0 * np.log10(np.maximum(1e-10, mel))
        log_spec = np.maximum(log_spec, log_spec.max() - 80.0)
        return scipy.fft.dct(log_spec, axis=-2, type=2, norm='ortho')[:N_MFCC]

    return mfcc


def main():
    runs = int(sys.argv[1])
    try:
        import librosa

        impl, version = 'librosa', librosa.__version__
        mfcc = lambda y: librosa.feature.mfcc(y=y, sr=SR, n_mfcc=N_MFCC)
    except ImportError:
        import scipy

        impl, version = 'numpy-librosa-calls', f'numpy {np.__version__}, scipy {scipy.__version__}'
        mfcc = numpy_mfcc_factory()
    results = []
    for path in sys.argv[2:]:
        y = np.fromfile(path, dtype='<f4')
        out = mfcc(y)
        for _ in range(3):
            mfcc(y)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            mfcc(y)
            times.append((time.perf_counter() - t0) * 1000)
        results.append({'file': path, 'frames': int(out.shape[1]), 'median_ms': float(np.median(times)), 'mfcc_first': [float(v) for v in out[:, 0]]})
    print(json.dumps({'impl': impl, 'version': version, 'results': results}))


if __name__ == '__main__':
    main()
