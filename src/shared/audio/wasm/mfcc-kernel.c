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
/* log10(2) = HI + LO with HI's low 32 bits zero, so e·HI is exact for any exponent e. */
#define LOG10_2_HI 0.30102992057800293
#define LOG10_2_LO 7.508597826552624e-08
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

/* A complex value of two frames: lane 0 is frame t, lane 1 frame t + 1. */
typedef struct {
  v128_t re, im;
} cpx2;

static cpx2 buf[2][HALF];
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

/*
 * Math.fround on both lanes: float64 → float32 → float64, two instructions. Written as assembly
 * because clang 14 folds the intrinsic pair into four scalar conversions (measured 2× slower).
 */
static inline v128_t fround2(v128_t x) {
  v128_t y;
  __asm__("local.get %1\n\tf32x4.demote_zero_f64x2\n\tf64x2.promote_low_f32x4\n\tlocal.set %0" : "=r"(y) : "r"(x));
  return y;
}

/* Windowed frames a and b (2048 float32 samples each) as z[n] = x[2n] + i·x[2n+1], one per lane. */
static void load_frames(const float *a, const float *b) {
  cpx2 *z = buf[0];
  for (int n = 0; n < HALF; n++) {
    const v128_t wa = wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(a + 2 * n)); /* a[2n], a[2n+1] */
    const v128_t wb = wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(b + 2 * n));
    z[n].re = wasm_f64x2_mul(wasm_i64x2_shuffle(wa, wb, 0, 2), splat(window[2 * n]));
    z[n].im = wasm_f64x2_mul(wasm_i64x2_shuffle(wa, wb, 1, 3), splat(window[2 * n + 1]));
  }
}

/*
 * One radix-4 butterfly of a Stockham stage: inputs a quarter of the transform apart (256 complex
 * values in every stage), outputs `s` apart, twiddles w1..w3 (or none for p = 0, `w` null).
 */
static inline __attribute__((always_inline)) void butterfly(const cpx2 *x, cpx2 *y, const int s, const double *w) {
  const v128_t apc_r = wasm_f64x2_add(x[0].re, x[512].re), apc_i = wasm_f64x2_add(x[0].im, x[512].im);
  const v128_t amc_r = wasm_f64x2_sub(x[0].re, x[512].re), amc_i = wasm_f64x2_sub(x[0].im, x[512].im);
  const v128_t bpd_r = wasm_f64x2_add(x[256].re, x[768].re), bpd_i = wasm_f64x2_add(x[256].im, x[768].im);
  const v128_t bmd_r = wasm_f64x2_sub(x[256].re, x[768].re), bmd_i = wasm_f64x2_sub(x[256].im, x[768].im);
  y[0].re = wasm_f64x2_add(apc_r, bpd_r);
  y[0].im = wasm_f64x2_add(apc_i, bpd_i);
  /* amc ∓ i·bmd and apc − bpd, then × w_j = e^{-2πi·jp/n}. */
  const v128_t t1r = wasm_f64x2_add(amc_r, bmd_i), t1i = wasm_f64x2_sub(amc_i, bmd_r);
  const v128_t t2r = wasm_f64x2_sub(apc_r, bpd_r), t2i = wasm_f64x2_sub(apc_i, bpd_i);
  const v128_t t3r = wasm_f64x2_sub(amc_r, bmd_i), t3i = wasm_f64x2_add(amc_i, bmd_r);
  if (!w) {
    y[s].re = t1r, y[s].im = t1i;
    y[2 * s].re = t2r, y[2 * s].im = t2i;
    y[3 * s].re = t3r, y[3 * s].im = t3i;
    return;
  }
  const v128_t w1r = splat(w[0]), w1i = splat(w[1]), w2r = splat(w[2]), w2i = splat(w[3]), w3r = splat(w[4]), w3i = splat(w[5]);
  y[s].re = wasm_f64x2_sub(wasm_f64x2_mul(w1r, t1r), wasm_f64x2_mul(w1i, t1i));
  y[s].im = wasm_f64x2_add(wasm_f64x2_mul(w1r, t1i), wasm_f64x2_mul(w1i, t1r));
  y[2 * s].re = wasm_f64x2_sub(wasm_f64x2_mul(w2r, t2r), wasm_f64x2_mul(w2i, t2i));
  y[2 * s].im = wasm_f64x2_add(wasm_f64x2_mul(w2r, t2i), wasm_f64x2_mul(w2i, t2r));
  y[3 * s].re = wasm_f64x2_sub(wasm_f64x2_mul(w3r, t3r), wasm_f64x2_mul(w3i, t3i));
  y[3 * s].im = wasm_f64x2_add(wasm_f64x2_mul(w3r, t3i), wasm_f64x2_mul(w3i, t3r));
}

/* Stage with sub-transform length n = 1024 / s: the stride is a constant in each copy. */
static inline __attribute__((always_inline)) void stage(const cpx2 *x, cpx2 *y, const int s, const double *tw) {
  const int n1 = HALF / (4 * s);
  for (int q = 0; q < s; q++) butterfly(x + q, y + q, s, 0);
  for (int p = 1; p < n1; p++) {
    const double *w = tw + 6 * p;
    for (int q = 0; q < s; q++) butterfly(x + s * p + q, y + 4 * s * p + q, s, w);
  }
}

/*
 * Forward 1024-point complex FFT, Stockham autosort radix-4 (no bit reversal): five stages
 * ping-ponging between the two buffers; the result ends in buffer 1.
 */
static void fft1024(void) {
  stage(buf[0], buf[1], 1, twiddles);
  stage(buf[1], buf[0], 4, twiddles + 6 * 256);
  stage(buf[0], buf[1], 16, twiddles + 6 * (256 + 64));
  stage(buf[1], buf[0], 64, twiddles + 6 * (256 + 64 + 16));
  stage(buf[0], buf[1], 256, twiddles + 6 * (256 + 64 + 16 + 4));
}

/* float32 |X|² from X's float64 real and imaginary parts (librosa: complex64, np.abs, square). */
static inline v128_t power_bin(v128_t re, v128_t im) {
  re = fround2(re);
  im = fround2(im);
  const v128_t mag = fround2(wasm_f64x2_sqrt(wasm_f64x2_add(wasm_f64x2_mul(re, re), wasm_f64x2_mul(im, im))));
  return fround2(wasm_f64x2_mul(mag, mag));
}

/*
 * |X[k]|² for k = 0..1024 of the real frames from the packed complex FFT (one split pass), with
 * librosa's float32 roundings: X is complex64, np.abs is float32, the square is float32.
 */
static void power_spectrum(void) {
  const cpx2 *z = buf[1];
  const v128_t half = splat(0.5);
  const v128_t z0r = z[0].re, z0i = z[0].im;
  const v128_t dc = wasm_f64x2_abs(fround2(wasm_f64x2_add(z0r, z0i)));
  const v128_t nyquist = wasm_f64x2_abs(fround2(wasm_f64x2_sub(z0r, z0i)));
  power[0] = fround2(wasm_f64x2_mul(dc, dc));
  power[HALF] = fround2(wasm_f64x2_mul(nyquist, nyquist));
  /*
   * Bins k and 1024 − k read the same two FFT values: E and O of one are ±E and ±O of the other,
   * and cos(π − θ) = −cos θ, sin(π − θ) = sin θ. (k = 512 is its own partner and is written twice
   * with the same value.)
   */
  for (int k = 1; k <= HALF / 2; k++) {
    const v128_t ar = z[k].re, ai = z[k].im;
    const v128_t br = z[HALF - k].re, bi = wasm_f64x2_neg(z[HALF - k].im);
    const v128_t er = wasm_f64x2_mul(half, wasm_f64x2_add(ar, br));
    const v128_t ei = wasm_f64x2_mul(half, wasm_f64x2_add(ai, bi));
    const v128_t or_ = wasm_f64x2_mul(half, wasm_f64x2_sub(ai, bi));
    const v128_t oi = wasm_f64x2_mul(splat(-0.5), wasm_f64x2_sub(ar, br));
    const v128_t c = splat(split_cos[k]), s = splat(split_sin[k]);
    const v128_t c_or = wasm_f64x2_mul(c, or_), s_oi = wasm_f64x2_mul(s, oi);
    const v128_t c_oi = wasm_f64x2_mul(c, oi), s_or = wasm_f64x2_mul(s, or_);
    power[k] = power_bin(wasm_f64x2_add(wasm_f64x2_add(er, c_or), s_oi), wasm_f64x2_sub(wasm_f64x2_add(ei, c_oi), s_or));
    power[HALF - k] = power_bin(wasm_f64x2_sub(wasm_f64x2_sub(er, c_or), s_oi), wasm_f64x2_sub(wasm_f64x2_sub(c_oi, ei), s_or));
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
 * log10 of two positive finite doubles to about one ulp: x = m·2^e with m in [√½, √2), and
 * ln m = 2·atanh(u), u = (m − 1)/(m + 1), |u| < 0.172, from its series to u²¹ (remainder below
 * 1e-17). The result is rounded to float32 by the caller, as librosa's float32 log10 is.
 */
static inline v128_t log10_2(v128_t x) {
  v128_t e = wasm_u64x2_shr(x, 52);
  v128_t m = wasm_v128_or(wasm_v128_and(x, wasm_i64x2_splat(0x000fffffffffffffLL)), wasm_i64x2_splat(0x3ff0000000000000LL));
  const v128_t big = wasm_f64x2_gt(m, splat(1.4142135623730951));
  m = wasm_v128_bitselect(wasm_f64x2_mul(m, splat(0.5)), m, big);
  e = wasm_i64x2_sub(e, big); /* the mask is −1 where m was halved */
  /* The biased exponent as a double: 2^52 + e, minus 2^52, minus the bias. */
  const v128_t ed = wasm_f64x2_sub(wasm_v128_or(e, wasm_i64x2_splat(0x4330000000000000LL)), splat(4503599627370496.0 + 1023.0));
  const v128_t u = wasm_f64x2_div(wasm_f64x2_sub(m, splat(1.0)), wasm_f64x2_add(m, splat(1.0)));
  const v128_t u2 = wasm_f64x2_mul(u, u);
  v128_t p = splat(2.0 / 21);
  p = wasm_f64x2_add(splat(2.0 / 19), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 17), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 15), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 13), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 11), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 9), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 7), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 5), wasm_f64x2_mul(u2, p));
  p = wasm_f64x2_add(splat(2.0 / 3), wasm_f64x2_mul(u2, p));
  /* ln m = 2u + u·u²·p; log10 x = e·log10(2) + ln m / ln 10, log10(2) split so e·hi is exact. */
  const v128_t ln_m = wasm_f64x2_add(wasm_f64x2_add(u, u), wasm_f64x2_mul(wasm_f64x2_mul(u, u2), p));
  const v128_t lo = wasm_f64x2_add(wasm_f64x2_mul(ln_m, splat(0.43429448190325182765)), wasm_f64x2_mul(ed, splat(LOG10_2_LO)));
  return wasm_f64x2_add(wasm_f64x2_mul(ed, splat(LOG10_2_HI)), lo);
}

/*
 * librosa.power_to_db (amin 1e-10, ref 1) of `frames` mel frames, unclamped, like mel_frames but
 * writing 10·log10(max(S, amin)) with its two float32 roundings. Returns the largest value, from
 * which the caller takes the whole clip's 80 dB floor.
 */
EXPORT float db_frames(const float *in, int32_t frames, float *out) {
  mel_frames(in, frames, out);
  const v128_t amin = splat((double)1e-10f);
  v128_t peak = splat(-1.0 / 0.0);
  const int n = frames * N_MELS; /* always even: 128 bands per frame */
  for (int i = 0; i < n; i += 2) {
    const v128_t s = wasm_f64x2_max(wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(out + i)), amin);
    const v128_t db = fround2(wasm_f64x2_mul(splat(10.0), fround2(log10_2(s))));
    peak = wasm_f64x2_max(peak, db);
    wasm_v128_store64_lane(out + i, wasm_f32x4_demote_f64x2_zero(db), 0);
  }
  const double a = wasm_f64x2_extract_lane(peak, 0), b = wasm_f64x2_extract_lane(peak, 1);
  return (float)(a > b ? a : b);
}

/*
 * MFCC of `frames` rows of unclamped mel dB (float32, frame-major): raise every value to `floor`
 * (the clip's peak − 80 dB), then the DCT-II (ortho, 13 of 128) in float64, each lane summing
 * every other band and the two lanes added at the end.
 */
EXPORT void dct_frames(const float *db, int32_t frames, float floor, float *out) {
  const v128_t lo = splat(floor);
  v128_t row[N_MELS / 2];
  for (int t = 0; t < frames; t++) {
    const float *x = db + t * N_MELS;
    for (int j = 0; j < N_MELS; j += 2) row[j / 2] = wasm_f64x2_max(wasm_f64x2_promote_low_f32x4(wasm_v128_load64_zero(x + j)), lo);
    for (int k = 0; k < N_MFCC; k++) {
      const v128_t *basis = (const v128_t *)(dct + k * N_MELS);
      v128_t acc = splat(0.0);
      for (int j = 0; j < N_MELS / 2; j++) acc = wasm_f64x2_add(acc, wasm_f64x2_mul(basis[j], row[j]));
      out[t * N_MFCC + k] = (float)(wasm_f64x2_extract_lane(acc, 0) + wasm_f64x2_extract_lane(acc, 1));
    }
  }
}
