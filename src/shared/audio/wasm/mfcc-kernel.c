/*
 * The MFCC frame pipeline of src/shared/audio/mfcc.ts in WebAssembly SIMD: windowing, a float64
 * FFT, librosa's float32-rounded power spectrum, the sparse Slaney mel bands, power_to_db and the
 * orthonormal DCT-II. Built by scripts/build-mfcc-wasm.mjs (clang, no libc); the .wasm is embedded
 * in mfcc-kernel.wasm.ts so every runtime (tsx, Vitest, the bundled analysis process) loads it the
 * same way.
 *
 * Why float64: librosa's reference FFT runs in float64 (the window is float64, so numpy upcasts the
 * float32 frames), and the parity tests hold the mel power to 1e-5 relative. A float32 FFT (pffft)
 * was measured at 4.8e-4 on the fixtures' quiet bands, so this FFT stays in float64 and gets its
 * SIMD width from frames instead: each f64x2 lane holds the same sample of two neighbouring
 * frames, so every operation of the scalar algorithm runs on two frames at once, no shuffles.
 *
 * Every table (window, twiddles, filterbank, DCT) is computed in JavaScript with Math.cos/sin and
 * written into this module's memory: the kernel needs no libm, only +, −, ×, ÷ and sqrt, which
 * IEEE 754 defines exactly, so its results depend on nothing but the operation order.
 */
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT __attribute__((visibility("default")))

#define N_FFT 2048
#define HALF 1024
#define HOP 512
#define N_MELS 128
#define N_BINS 1025
#define N_MFCC 13
#define MAX_WEIGHTS 8192
/* Radix-4 stages of the 1024-point complex FFT: p runs to n/4 for n = 1024, 256, 64, 16, 4. */
#define N_TWIDDLE_ROWS (256 + 64 + 16 + 4 + 1)

static double window[N_FFT];
static double split_cos[HALF];
static double split_sin[HALF];
static double twiddles[6 * N_TWIDDLE_ROWS];
static int32_t mel_start[N_MELS];
static int32_t mel_count[N_MELS];
static int32_t mel_offset[N_MELS];
static double mel_weights[MAX_WEIGHTS];
static double dct[N_MFCC * N_MELS];

/* Two frames per lane pair: [buffer][index] complex values as separate real and imaginary vectors. */
static v128_t buf_re[2][HALF];
static v128_t buf_im[2][HALF];
static v128_t power[N_BINS];

EXPORT double *window_ptr(void) { return window; }
EXPORT double *split_cos_ptr(void) { return split_cos; }
EXPORT double *split_sin_ptr(void) { return split_sin; }
EXPORT double *twiddles_ptr(void) { return twiddles; }
EXPORT int32_t *mel_start_ptr(void) { return mel_start; }
EXPORT int32_t *mel_count_ptr(void) { return mel_count; }
EXPORT int32_t *mel_offset_ptr(void) { return mel_offset; }
EXPORT double *mel_weights_ptr(void) { return mel_weights; }
EXPORT int32_t mel_weights_capacity(void) { return MAX_WEIGHTS; }
EXPORT double *dct_ptr(void) { return dct; }

static inline v128_t splat(double x) { return wasm_f64x2_splat(x); }

/* Math.fround on both lanes: float64 → float32 → float64. */
static inline v128_t fround2(v128_t x) { return wasm_f64x2_promote_low_f32x4(wasm_f32x4_demote_f64x2_zero(x)); }

/* Windowed frames a and b (2048 float32 samples each) as z[n] = x[2n] + i·x[2n+1], one per lane. */
static void load_frames(const float *a, const float *b) {
  v128_t *re = buf_re[0];
  v128_t *im = buf_im[0];
  for (int n = 0; n < HALF; n++) {
    re[n] = wasm_f64x2_mul(wasm_f64x2_make(a[2 * n], b[2 * n]), splat(window[2 * n]));
    im[n] = wasm_f64x2_mul(wasm_f64x2_make(a[2 * n + 1], b[2 * n + 1]), splat(window[2 * n + 1]));
  }
}

/*
 * Forward 1024-point complex FFT, Stockham autosort radix-4 (no bit reversal): five stages
 * ping-ponging between the two buffers; the result ends in buffer 1.
 */
static void fft1024(void) {
  const double *tw = twiddles;
  int src = 0;
  for (int n = HALF, s = 1; n >= 4; n >>= 2, s <<= 2) {
    const int n1 = n >> 2;
    const v128_t *xr = buf_re[src], *xi = buf_im[src];
    v128_t *yr = buf_re[src ^ 1], *yi = buf_im[src ^ 1];
    for (int p = 0; p < n1; p++, tw += 6) {
      const v128_t w1r = splat(tw[0]), w1i = splat(tw[1]);
      const v128_t w2r = splat(tw[2]), w2i = splat(tw[3]);
      const v128_t w3r = splat(tw[4]), w3i = splat(tw[5]);
      for (int q = 0; q < s; q++) {
        const int ia = q + s * p, ib = ia + s * n1, ic = ib + s * n1, id = ic + s * n1;
        const v128_t apc_r = wasm_f64x2_add(xr[ia], xr[ic]), apc_i = wasm_f64x2_add(xi[ia], xi[ic]);
        const v128_t amc_r = wasm_f64x2_sub(xr[ia], xr[ic]), amc_i = wasm_f64x2_sub(xi[ia], xi[ic]);
        const v128_t bpd_r = wasm_f64x2_add(xr[ib], xr[id]), bpd_i = wasm_f64x2_add(xi[ib], xi[id]);
        const v128_t bmd_r = wasm_f64x2_sub(xr[ib], xr[id]), bmd_i = wasm_f64x2_sub(xi[ib], xi[id]);
        const int o = q + s * 4 * p;
        yr[o] = wasm_f64x2_add(apc_r, bpd_r);
        yi[o] = wasm_f64x2_add(apc_i, bpd_i);
        /* amc ∓ i·bmd, then × w (w = e^{-2πi·kp/n}). */
        const v128_t t1r = wasm_f64x2_add(amc_r, bmd_i), t1i = wasm_f64x2_sub(amc_i, bmd_r);
        const v128_t t2r = wasm_f64x2_sub(apc_r, bpd_r), t2i = wasm_f64x2_sub(apc_i, bpd_i);
        const v128_t t3r = wasm_f64x2_sub(amc_r, bmd_i), t3i = wasm_f64x2_add(amc_i, bmd_r);
        yr[o + s] = wasm_f64x2_sub(wasm_f64x2_mul(w1r, t1r), wasm_f64x2_mul(w1i, t1i));
        yi[o + s] = wasm_f64x2_add(wasm_f64x2_mul(w1r, t1i), wasm_f64x2_mul(w1i, t1r));
        yr[o + 2 * s] = wasm_f64x2_sub(wasm_f64x2_mul(w2r, t2r), wasm_f64x2_mul(w2i, t2i));
        yi[o + 2 * s] = wasm_f64x2_add(wasm_f64x2_mul(w2r, t2i), wasm_f64x2_mul(w2i, t2r));
        yr[o + 3 * s] = wasm_f64x2_sub(wasm_f64x2_mul(w3r, t3r), wasm_f64x2_mul(w3i, t3i));
        yi[o + 3 * s] = wasm_f64x2_add(wasm_f64x2_mul(w3r, t3i), wasm_f64x2_mul(w3i, t3r));
      }
    }
    src ^= 1;
  }
}

/*
 * |X[k]|² for k = 0..1024 of the real frames from the packed complex FFT (one split pass), with
 * librosa's float32 roundings: X is complex64, np.abs is float32, the square is float32.
 */
static void power_spectrum(void) {
  const v128_t *zr = buf_re[1], *zi = buf_im[1];
  const v128_t half = splat(0.5);
  const v128_t z0r = zr[0], z0i = zi[0];
  const v128_t dc = wasm_f64x2_abs(fround2(wasm_f64x2_add(z0r, z0i)));
  const v128_t nyquist = wasm_f64x2_abs(fround2(wasm_f64x2_sub(z0r, z0i)));
  power[0] = fround2(wasm_f64x2_mul(dc, dc));
  power[HALF] = fround2(wasm_f64x2_mul(nyquist, nyquist));
  for (int k = 1; k < HALF; k++) {
    const v128_t ar = zr[k], ai = zi[k];
    const v128_t br = zr[HALF - k], bi = wasm_f64x2_neg(zi[HALF - k]);
    const v128_t er = wasm_f64x2_mul(half, wasm_f64x2_add(ar, br));
    const v128_t ei = wasm_f64x2_mul(half, wasm_f64x2_add(ai, bi));
    const v128_t or_ = wasm_f64x2_mul(half, wasm_f64x2_sub(ai, bi));
    const v128_t oi = wasm_f64x2_mul(splat(-0.5), wasm_f64x2_sub(ar, br));
    const v128_t c = splat(split_cos[k]), s = splat(split_sin[k]);
    const v128_t re = fround2(wasm_f64x2_add(wasm_f64x2_add(er, wasm_f64x2_mul(c, or_)), wasm_f64x2_mul(s, oi)));
    const v128_t im = fround2(wasm_f64x2_sub(wasm_f64x2_add(ei, wasm_f64x2_mul(c, oi)), wasm_f64x2_mul(s, or_)));
    const v128_t mag = fround2(wasm_f64x2_sqrt(wasm_f64x2_add(wasm_f64x2_mul(re, re), wasm_f64x2_mul(im, im))));
    power[k] = fround2(wasm_f64x2_mul(mag, mag));
  }
}

/* The 128 mel bands of both frames (float64 accumulation, stored as float32); b may be null. */
static void mel_bands(float *a, float *b) {
  for (int m = 0; m < N_MELS; m++) {
    const double *w = mel_weights + mel_offset[m];
    const v128_t *p = power + mel_start[m];
    const int len = mel_count[m];
    v128_t acc = splat(0.0);
    for (int j = 0; j < len; j++) acc = wasm_f64x2_add(acc, wasm_f64x2_mul(splat(w[j]), p[j]));
    a[m] = (float)wasm_f64x2_extract_lane(acc, 0);
    if (b) b[m] = (float)wasm_f64x2_extract_lane(acc, 1);
  }
}

/*
 * Mel power of `frames` frames: frame t is the 2048 float32 samples at in + t·512 (the caller has
 * already zero-padded the clip by 1024 on each side, as librosa's centred STFT does). Output is
 * frame-major float32, 128 bands per frame.
 */
EXPORT void mel_frames(const float *in, int32_t frames, float *out) {
  for (int t = 0; t < frames; t += 2) {
    const int pair = t + 1 < frames;
    const float *a = in + t * HOP;
    load_frames(a, pair ? a + HOP : a);
    fft1024();
    power_spectrum();
    mel_bands(out + t * N_MELS, pair ? out + (t + 1) * N_MELS : 0);
  }
}

/*
 * DCT-II (ortho, 13 of 128) of `frames` rows of log-mel values (float32, frame-major), two frames
 * per vector, accumulated in float64 in band order like the JavaScript path.
 */
EXPORT void dct_frames(const float *db, int32_t frames, float *out) {
  for (int t = 0; t < frames; t += 2) {
    const int pair = t + 1 < frames;
    const float *a = db + t * N_MELS;
    const float *b = pair ? a + N_MELS : a;
    for (int k = 0; k < N_MFCC; k++) {
      const double *row = dct + k * N_MELS;
      v128_t acc = splat(0.0);
      for (int j = 0; j < N_MELS; j++) acc = wasm_f64x2_add(acc, wasm_f64x2_mul(splat(row[j]), wasm_f64x2_make(a[j], b[j])));
      out[t * N_MFCC + k] = (float)wasm_f64x2_extract_lane(acc, 0);
      if (pair) out[(t + 1) * N_MFCC + k] = (float)wasm_f64x2_extract_lane(acc, 1);
    }
  }
}
