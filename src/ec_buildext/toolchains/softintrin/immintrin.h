/* ec-buildext softintrin (see __ec_softintrin.h): SSE to SSE4.2 and POPCNT, AES,
 * PCLMULQDQ and SHA (wmmintrin.h, shaintrin.h), AVX-512's common part (__ec_avx512.h);
 * the AVX, AVX2, FMA, F16C types and functions and the rest of AVX-512 are declared so
 * that a use stops with a message saying they are not emulated; _xgetbv, as MSVC and GCC
 * declare it here, for the CPU of __ec_cpuid.h. */
#ifndef __EC_SOFTINTRIN_IMMINTRIN_H
#define __EC_SOFTINTRIN_IMMINTRIN_H

#include <wmmintrin.h>
#include <shaintrin.h>

/* XCR0 (_XCR_XFEATURE_ENABLED_MASK) of the CPU that cpuid reports (__ec_cpuid.h): x87
 * and SSE state, no AVX state; other registers read as 0.  That CPU has no OSXSAVE, so
 * correct code never asks.  (MSVC mode: MSVC's headers declare it.) */
#if !defined(_MSC_VER)
#ifndef _XCR_XFEATURE_ENABLED_MASK
#define _XCR_XFEATURE_ENABLED_MASK 0
#endif
__ECSI_FN unsigned long long _xgetbv(unsigned int __xcr) { return __xcr == 0 ? 3 : 0; }
#endif

#define __ECSI_AVX_MESSAGE __ECSI_NOT_EMULATED("AVX and AVX2")

typedef float __m256 __attribute__((__vector_size__(32), __aligned__(32), __unavailable__(__ECSI_AVX_MESSAGE)));
typedef double __m256d __attribute__((__vector_size__(32), __aligned__(32), __unavailable__(__ECSI_AVX_MESSAGE)));
typedef long long __m256i __attribute__((__vector_size__(32), __aligned__(32), __unavailable__(__ECSI_AVX_MESSAGE)));
typedef float __m256_u __attribute__((__vector_size__(32), __aligned__(1), __unavailable__(__ECSI_AVX_MESSAGE)));
typedef double __m256d_u __attribute__((__vector_size__(32), __aligned__(1), __unavailable__(__ECSI_AVX_MESSAGE)));
typedef long long __m256i_u __attribute__((__vector_size__(32), __aligned__(1), __unavailable__(__ECSI_AVX_MESSAGE)));

/* AVX and AVX2 (with their FMA and F16C forms): every _mm256_ function, and the 128-bit
 * ones SSE does not have. */
#define __ECSI_AVX256(name) __ECSI_UNAVAILABLE(_mm256_##name, __ECSI_AVX_MESSAGE)
#define __ECSI_AVX128(name) __ECSI_UNAVAILABLE(_mm_##name, __ECSI_AVX_MESSAGE)
__ECSI_AVX256(add_pd) __ECSI_AVX256(add_ps) __ECSI_AVX256(addsub_pd) __ECSI_AVX256(addsub_ps)
__ECSI_AVX256(and_pd) __ECSI_AVX256(and_ps) __ECSI_AVX256(andnot_pd) __ECSI_AVX256(andnot_ps)
__ECSI_AVX256(blend_pd) __ECSI_AVX256(blend_ps) __ECSI_AVX256(blendv_pd)
__ECSI_AVX256(blendv_ps) __ECSI_AVX256(broadcast_pd) __ECSI_AVX256(broadcast_ps)
__ECSI_AVX256(broadcast_sd) __ECSI_AVX256(broadcast_ss) __ECSI_AVX256(castpd_ps)
__ECSI_AVX256(castpd_si256) __ECSI_AVX256(castpd128_pd256) __ECSI_AVX256(castpd256_pd128)
__ECSI_AVX256(castps_pd) __ECSI_AVX256(castps_si256) __ECSI_AVX256(castps128_ps256)
__ECSI_AVX256(castps256_ps128) __ECSI_AVX256(castsi128_si256) __ECSI_AVX256(castsi256_pd)
__ECSI_AVX256(castsi256_ps) __ECSI_AVX256(castsi256_si128) __ECSI_AVX256(ceil_pd)
__ECSI_AVX256(ceil_ps) __ECSI_AVX256(cmp_pd) __ECSI_AVX256(cmp_ps) __ECSI_AVX256(cvtepi32_pd)
__ECSI_AVX256(cvtepi32_ps) __ECSI_AVX256(cvtpd_epi32) __ECSI_AVX256(cvtpd_ps)
__ECSI_AVX256(cvtps_epi32) __ECSI_AVX256(cvtps_pd) __ECSI_AVX256(cvtsd_f64)
__ECSI_AVX256(cvtsi256_si32) __ECSI_AVX256(cvtss_f32) __ECSI_AVX256(cvttpd_epi32)
__ECSI_AVX256(cvttps_epi32) __ECSI_AVX256(div_pd) __ECSI_AVX256(div_ps) __ECSI_AVX256(dp_ps)
__ECSI_AVX256(extract_epi8) __ECSI_AVX256(extract_epi16) __ECSI_AVX256(extract_epi32)
__ECSI_AVX256(extract_epi64) __ECSI_AVX256(extractf128_pd) __ECSI_AVX256(extractf128_ps)
__ECSI_AVX256(extractf128_si256) __ECSI_AVX256(floor_pd) __ECSI_AVX256(floor_ps)
__ECSI_AVX256(hadd_pd) __ECSI_AVX256(hadd_ps) __ECSI_AVX256(hsub_pd) __ECSI_AVX256(hsub_ps)
__ECSI_AVX256(insert_epi8) __ECSI_AVX256(insert_epi16) __ECSI_AVX256(insert_epi32)
__ECSI_AVX256(insert_epi64) __ECSI_AVX256(insertf128_pd) __ECSI_AVX256(insertf128_ps)
__ECSI_AVX256(insertf128_si256) __ECSI_AVX256(lddqu_si256) __ECSI_AVX256(load_pd)
__ECSI_AVX256(load_ps) __ECSI_AVX256(load_si256) __ECSI_AVX256(loadu_pd)
__ECSI_AVX256(loadu_ps) __ECSI_AVX256(loadu_si256) __ECSI_AVX256(loadu2_m128)
__ECSI_AVX256(loadu2_m128d) __ECSI_AVX256(loadu2_m128i) __ECSI_AVX256(maskload_pd)
__ECSI_AVX256(maskload_ps) __ECSI_AVX256(maskstore_pd) __ECSI_AVX256(maskstore_ps)
__ECSI_AVX256(max_pd) __ECSI_AVX256(max_ps) __ECSI_AVX256(min_pd) __ECSI_AVX256(min_ps)
__ECSI_AVX256(movedup_pd) __ECSI_AVX256(movehdup_ps) __ECSI_AVX256(moveldup_ps)
__ECSI_AVX256(movemask_pd) __ECSI_AVX256(movemask_ps) __ECSI_AVX256(mul_pd)
__ECSI_AVX256(mul_ps) __ECSI_AVX256(or_pd) __ECSI_AVX256(or_ps) __ECSI_AVX256(permute_pd)
__ECSI_AVX256(permute_ps) __ECSI_AVX256(permute2f128_pd) __ECSI_AVX256(permute2f128_ps)
__ECSI_AVX256(permute2f128_si256) __ECSI_AVX256(permutevar_pd) __ECSI_AVX256(permutevar_ps)
__ECSI_AVX256(rcp_ps) __ECSI_AVX256(round_pd) __ECSI_AVX256(round_ps) __ECSI_AVX256(rsqrt_ps)
__ECSI_AVX256(set_epi8) __ECSI_AVX256(set_epi16) __ECSI_AVX256(set_epi32)
__ECSI_AVX256(set_epi64x) __ECSI_AVX256(set_m128) __ECSI_AVX256(set_m128d)
__ECSI_AVX256(set_m128i) __ECSI_AVX256(set_pd) __ECSI_AVX256(set_ps) __ECSI_AVX256(set1_epi8)
__ECSI_AVX256(set1_epi16) __ECSI_AVX256(set1_epi32) __ECSI_AVX256(set1_epi64x)
__ECSI_AVX256(set1_pd) __ECSI_AVX256(set1_ps) __ECSI_AVX256(setr_epi8)
__ECSI_AVX256(setr_epi16) __ECSI_AVX256(setr_epi32) __ECSI_AVX256(setr_epi64x)
__ECSI_AVX256(setr_m128) __ECSI_AVX256(setr_m128d) __ECSI_AVX256(setr_m128i)
__ECSI_AVX256(setr_pd) __ECSI_AVX256(setr_ps) __ECSI_AVX256(setzero_pd)
__ECSI_AVX256(setzero_ps) __ECSI_AVX256(setzero_si256) __ECSI_AVX256(shuffle_pd)
__ECSI_AVX256(shuffle_ps) __ECSI_AVX256(sqrt_pd) __ECSI_AVX256(sqrt_ps) __ECSI_AVX256(store_pd)
__ECSI_AVX256(store_ps) __ECSI_AVX256(store_si256) __ECSI_AVX256(storeu_pd)
__ECSI_AVX256(storeu_ps) __ECSI_AVX256(storeu_si256) __ECSI_AVX256(storeu2_m128)
__ECSI_AVX256(storeu2_m128d) __ECSI_AVX256(storeu2_m128i) __ECSI_AVX256(stream_pd)
__ECSI_AVX256(stream_ps) __ECSI_AVX256(stream_si256) __ECSI_AVX256(sub_pd)
__ECSI_AVX256(sub_ps) __ECSI_AVX256(testc_pd) __ECSI_AVX256(testc_ps)
__ECSI_AVX256(testc_si256) __ECSI_AVX256(testnzc_pd) __ECSI_AVX256(testnzc_ps)
__ECSI_AVX256(testnzc_si256) __ECSI_AVX256(testz_pd) __ECSI_AVX256(testz_ps)
__ECSI_AVX256(testz_si256) __ECSI_AVX256(undefined_pd) __ECSI_AVX256(undefined_ps)
__ECSI_AVX256(undefined_si256) __ECSI_AVX256(unpackhi_pd) __ECSI_AVX256(unpackhi_ps)
__ECSI_AVX256(unpacklo_pd) __ECSI_AVX256(unpacklo_ps) __ECSI_AVX256(xor_pd)
__ECSI_AVX256(xor_ps) __ECSI_AVX256(zeroall) __ECSI_AVX256(zeroupper)
__ECSI_AVX256(zextpd128_pd256) __ECSI_AVX256(zextps128_ps256) __ECSI_AVX256(zextsi128_si256)
__ECSI_AVX256(abs_epi8) __ECSI_AVX256(abs_epi16) __ECSI_AVX256(abs_epi32)
__ECSI_AVX256(add_epi8) __ECSI_AVX256(add_epi16) __ECSI_AVX256(add_epi32)
__ECSI_AVX256(add_epi64) __ECSI_AVX256(adds_epi8) __ECSI_AVX256(adds_epi16)
__ECSI_AVX256(adds_epu8) __ECSI_AVX256(adds_epu16) __ECSI_AVX256(alignr_epi8)
__ECSI_AVX256(and_si256) __ECSI_AVX256(andnot_si256) __ECSI_AVX256(avg_epu8)
__ECSI_AVX256(avg_epu16) __ECSI_AVX256(blend_epi16) __ECSI_AVX256(blend_epi32)
__ECSI_AVX256(blendv_epi8) __ECSI_AVX256(broadcastb_epi8) __ECSI_AVX256(broadcastd_epi32)
__ECSI_AVX256(broadcastq_epi64) __ECSI_AVX256(broadcastsd_pd)
__ECSI_AVX256(broadcastsi128_si256) __ECSI_AVX256(broadcastss_ps)
__ECSI_AVX256(broadcastw_epi16) __ECSI_AVX256(bslli_epi128) __ECSI_AVX256(bsrli_epi128)
__ECSI_AVX256(cmpeq_epi8) __ECSI_AVX256(cmpeq_epi16) __ECSI_AVX256(cmpeq_epi32)
__ECSI_AVX256(cmpeq_epi64) __ECSI_AVX256(cmpgt_epi8) __ECSI_AVX256(cmpgt_epi16)
__ECSI_AVX256(cmpgt_epi32) __ECSI_AVX256(cmpgt_epi64) __ECSI_AVX256(cvtepi16_epi32)
__ECSI_AVX256(cvtepi16_epi64) __ECSI_AVX256(cvtepi32_epi64) __ECSI_AVX256(cvtepi8_epi16)
__ECSI_AVX256(cvtepi8_epi32) __ECSI_AVX256(cvtepi8_epi64) __ECSI_AVX256(cvtepu16_epi32)
__ECSI_AVX256(cvtepu16_epi64) __ECSI_AVX256(cvtepu32_epi64) __ECSI_AVX256(cvtepu8_epi16)
__ECSI_AVX256(cvtepu8_epi32) __ECSI_AVX256(cvtepu8_epi64) __ECSI_AVX256(extracti128_si256)
__ECSI_AVX256(hadd_epi16) __ECSI_AVX256(hadd_epi32) __ECSI_AVX256(hadds_epi16)
__ECSI_AVX256(hsub_epi16) __ECSI_AVX256(hsub_epi32) __ECSI_AVX256(hsubs_epi16)
__ECSI_AVX256(i32gather_epi32) __ECSI_AVX256(i32gather_epi64) __ECSI_AVX256(i32gather_pd)
__ECSI_AVX256(i32gather_ps) __ECSI_AVX256(i64gather_epi32) __ECSI_AVX256(i64gather_epi64)
__ECSI_AVX256(i64gather_pd) __ECSI_AVX256(i64gather_ps) __ECSI_AVX256(inserti128_si256)
__ECSI_AVX256(madd_epi16) __ECSI_AVX256(maddubs_epi16) __ECSI_AVX256(mask_i32gather_epi32)
__ECSI_AVX256(mask_i32gather_epi64) __ECSI_AVX256(mask_i32gather_pd)
__ECSI_AVX256(mask_i32gather_ps) __ECSI_AVX256(mask_i64gather_epi32)
__ECSI_AVX256(mask_i64gather_epi64) __ECSI_AVX256(mask_i64gather_pd)
__ECSI_AVX256(mask_i64gather_ps) __ECSI_AVX256(maskload_epi32) __ECSI_AVX256(maskload_epi64)
__ECSI_AVX256(maskstore_epi32) __ECSI_AVX256(maskstore_epi64) __ECSI_AVX256(max_epi8)
__ECSI_AVX256(max_epi16) __ECSI_AVX256(max_epi32) __ECSI_AVX256(max_epu8)
__ECSI_AVX256(max_epu16) __ECSI_AVX256(max_epu32) __ECSI_AVX256(min_epi8)
__ECSI_AVX256(min_epi16) __ECSI_AVX256(min_epi32) __ECSI_AVX256(min_epu8)
__ECSI_AVX256(min_epu16) __ECSI_AVX256(min_epu32) __ECSI_AVX256(movemask_epi8)
__ECSI_AVX256(mpsadbw_epu8) __ECSI_AVX256(mul_epi32) __ECSI_AVX256(mul_epu32)
__ECSI_AVX256(mulhi_epi16) __ECSI_AVX256(mulhi_epu16) __ECSI_AVX256(mulhrs_epi16)
__ECSI_AVX256(mullo_epi16) __ECSI_AVX256(mullo_epi32) __ECSI_AVX256(or_si256)
__ECSI_AVX256(packs_epi16) __ECSI_AVX256(packs_epi32) __ECSI_AVX256(packus_epi16)
__ECSI_AVX256(packus_epi32) __ECSI_AVX256(permute2x128_si256) __ECSI_AVX256(permute4x64_epi64)
__ECSI_AVX256(permute4x64_pd) __ECSI_AVX256(permutevar8x32_epi32)
__ECSI_AVX256(permutevar8x32_ps) __ECSI_AVX256(sad_epu8) __ECSI_AVX256(shuffle_epi32)
__ECSI_AVX256(shuffle_epi8) __ECSI_AVX256(shufflehi_epi16) __ECSI_AVX256(shufflelo_epi16)
__ECSI_AVX256(sign_epi8) __ECSI_AVX256(sign_epi16) __ECSI_AVX256(sign_epi32)
__ECSI_AVX256(sll_epi16) __ECSI_AVX256(sll_epi32) __ECSI_AVX256(sll_epi64)
__ECSI_AVX256(slli_epi16) __ECSI_AVX256(slli_epi32) __ECSI_AVX256(slli_epi64)
__ECSI_AVX256(slli_si256) __ECSI_AVX256(sllv_epi32) __ECSI_AVX256(sllv_epi64)
__ECSI_AVX256(sra_epi16) __ECSI_AVX256(sra_epi32) __ECSI_AVX256(srai_epi16)
__ECSI_AVX256(srai_epi32) __ECSI_AVX256(srav_epi32) __ECSI_AVX256(srl_epi16)
__ECSI_AVX256(srl_epi32) __ECSI_AVX256(srl_epi64) __ECSI_AVX256(srli_epi16)
__ECSI_AVX256(srli_epi32) __ECSI_AVX256(srli_epi64) __ECSI_AVX256(srli_si256)
__ECSI_AVX256(srlv_epi32) __ECSI_AVX256(srlv_epi64) __ECSI_AVX256(stream_load_si256)
__ECSI_AVX256(sub_epi8) __ECSI_AVX256(sub_epi16) __ECSI_AVX256(sub_epi32)
__ECSI_AVX256(sub_epi64) __ECSI_AVX256(subs_epi8) __ECSI_AVX256(subs_epi16)
__ECSI_AVX256(subs_epu8) __ECSI_AVX256(subs_epu16) __ECSI_AVX256(unpackhi_epi8)
__ECSI_AVX256(unpackhi_epi16) __ECSI_AVX256(unpackhi_epi32) __ECSI_AVX256(unpackhi_epi64)
__ECSI_AVX256(unpacklo_epi8) __ECSI_AVX256(unpacklo_epi16) __ECSI_AVX256(unpacklo_epi32)
__ECSI_AVX256(unpacklo_epi64) __ECSI_AVX256(xor_si256) __ECSI_AVX256(fmadd_pd)
__ECSI_AVX256(fmadd_ps) __ECSI_AVX256(fmsub_pd) __ECSI_AVX256(fmsub_ps)
__ECSI_AVX256(fnmadd_pd) __ECSI_AVX256(fnmadd_ps) __ECSI_AVX256(fnmsub_pd)
__ECSI_AVX256(fnmsub_ps) __ECSI_AVX256(fmaddsub_pd) __ECSI_AVX256(fmaddsub_ps)
__ECSI_AVX256(fmsubadd_pd) __ECSI_AVX256(fmsubadd_ps) __ECSI_AVX256(cvtph_ps)
__ECSI_AVX256(cvtps_ph)
__ECSI_AVX128(blend_epi32) __ECSI_AVX128(broadcast_ss) __ECSI_AVX128(broadcastb_epi8)
__ECSI_AVX128(broadcastd_epi32) __ECSI_AVX128(broadcastq_epi64) __ECSI_AVX128(broadcastsd_pd)
__ECSI_AVX128(broadcastss_ps) __ECSI_AVX128(broadcastw_epi16) __ECSI_AVX128(cmp_pd)
__ECSI_AVX128(cmp_ps) __ECSI_AVX128(cmp_sd) __ECSI_AVX128(cmp_ss)
__ECSI_AVX128(i32gather_epi32) __ECSI_AVX128(i32gather_epi64) __ECSI_AVX128(i32gather_pd)
__ECSI_AVX128(i32gather_ps) __ECSI_AVX128(i64gather_epi32) __ECSI_AVX128(i64gather_epi64)
__ECSI_AVX128(i64gather_pd) __ECSI_AVX128(i64gather_ps) __ECSI_AVX128(mask_i32gather_epi32)
__ECSI_AVX128(mask_i32gather_epi64) __ECSI_AVX128(mask_i32gather_pd)
__ECSI_AVX128(mask_i32gather_ps) __ECSI_AVX128(mask_i64gather_epi32)
__ECSI_AVX128(mask_i64gather_epi64) __ECSI_AVX128(mask_i64gather_pd)
__ECSI_AVX128(mask_i64gather_ps) __ECSI_AVX128(maskload_epi32) __ECSI_AVX128(maskload_epi64)
__ECSI_AVX128(maskload_pd) __ECSI_AVX128(maskload_ps) __ECSI_AVX128(maskstore_epi32)
__ECSI_AVX128(maskstore_epi64) __ECSI_AVX128(maskstore_pd) __ECSI_AVX128(maskstore_ps)
__ECSI_AVX128(permute_pd) __ECSI_AVX128(permute_ps) __ECSI_AVX128(permutevar_pd)
__ECSI_AVX128(permutevar_ps) __ECSI_AVX128(sllv_epi32) __ECSI_AVX128(sllv_epi64)
__ECSI_AVX128(srav_epi32) __ECSI_AVX128(srlv_epi32) __ECSI_AVX128(srlv_epi64)
__ECSI_AVX128(testc_pd) __ECSI_AVX128(testc_ps) __ECSI_AVX128(testnzc_pd)
__ECSI_AVX128(testnzc_ps) __ECSI_AVX128(testz_pd) __ECSI_AVX128(testz_ps)
#define __ECSI_FMA(name) __ECSI_UNAVAILABLE(_mm_##name, __ECSI_NOT_EMULATED("FMA"))
__ECSI_FMA(fmadd_pd) __ECSI_FMA(fmadd_ps) __ECSI_FMA(fmadd_sd) __ECSI_FMA(fmadd_ss)
__ECSI_FMA(fmsub_pd) __ECSI_FMA(fmsub_ps) __ECSI_FMA(fmsub_sd) __ECSI_FMA(fmsub_ss)
__ECSI_FMA(fnmadd_pd) __ECSI_FMA(fnmadd_ps) __ECSI_FMA(fnmadd_sd) __ECSI_FMA(fnmadd_ss)
__ECSI_FMA(fnmsub_pd) __ECSI_FMA(fnmsub_ps) __ECSI_FMA(fnmsub_sd) __ECSI_FMA(fnmsub_ss)
__ECSI_FMA(fmaddsub_pd) __ECSI_FMA(fmaddsub_ps) __ECSI_FMA(fmsubadd_pd) __ECSI_FMA(fmsubadd_ps)
__ECSI_UNAVAILABLE(_mm_cvtph_ps, __ECSI_NOT_EMULATED("F16C"))
__ECSI_UNAVAILABLE(_mm_cvtps_ph, __ECSI_NOT_EMULATED("F16C"))
__ECSI_UNAVAILABLE(_cvtsh_ss, __ECSI_NOT_EMULATED("F16C"))
__ECSI_UNAVAILABLE(_cvtss_sh, __ECSI_NOT_EMULATED("F16C"))

/* AVX-512: the emulated part, then the rest, unavailable per function. */
#include <__ec_avx512.h>
#include <__ec_avx512_unavailable.h>

#endif /* __EC_SOFTINTRIN_IMMINTRIN_H */
