//go:build !purego

#include "textflag.h"

// Each constant of expShiftedGo, four times: one AVX2 register's worth.
//   lo, hi       -708, 709: the range of the arguments taken here
//   invln2       128/ln 2
//   shift        0x1.8p52, whose bits are also the integer subtracted from kf's
//   ln2hi, ln2lo ln 2/128 in two parts
//   c2 .. c120   1/2, 1/6, 1/24, 1/120: the Taylor coefficients
//   m127, nm127  127 and its complement: n mod 128 and n - n mod 128
DATA expc<>+0(SB)/8, $0xc086200000000000
DATA expc<>+8(SB)/8, $0xc086200000000000
DATA expc<>+16(SB)/8, $0xc086200000000000
DATA expc<>+24(SB)/8, $0xc086200000000000
DATA expc<>+32(SB)/8, $0x4086280000000000
DATA expc<>+40(SB)/8, $0x4086280000000000
DATA expc<>+48(SB)/8, $0x4086280000000000
DATA expc<>+56(SB)/8, $0x4086280000000000
DATA expc<>+64(SB)/8, $0x40671547652b82fe
DATA expc<>+72(SB)/8, $0x40671547652b82fe
DATA expc<>+80(SB)/8, $0x40671547652b82fe
DATA expc<>+88(SB)/8, $0x40671547652b82fe
DATA expc<>+96(SB)/8, $0x4338000000000000
DATA expc<>+104(SB)/8, $0x4338000000000000
DATA expc<>+112(SB)/8, $0x4338000000000000
DATA expc<>+120(SB)/8, $0x4338000000000000
DATA expc<>+128(SB)/8, $0x3f762e42fee00000
DATA expc<>+136(SB)/8, $0x3f762e42fee00000
DATA expc<>+144(SB)/8, $0x3f762e42fee00000
DATA expc<>+152(SB)/8, $0x3f762e42fee00000
DATA expc<>+160(SB)/8, $0x3d7a39ef35793c76
DATA expc<>+168(SB)/8, $0x3d7a39ef35793c76
DATA expc<>+176(SB)/8, $0x3d7a39ef35793c76
DATA expc<>+184(SB)/8, $0x3d7a39ef35793c76
DATA expc<>+192(SB)/8, $0x3fe0000000000000
DATA expc<>+200(SB)/8, $0x3fe0000000000000
DATA expc<>+208(SB)/8, $0x3fe0000000000000
DATA expc<>+216(SB)/8, $0x3fe0000000000000
DATA expc<>+224(SB)/8, $0x3fc5555555555555
DATA expc<>+232(SB)/8, $0x3fc5555555555555
DATA expc<>+240(SB)/8, $0x3fc5555555555555
DATA expc<>+248(SB)/8, $0x3fc5555555555555
DATA expc<>+256(SB)/8, $0x3fa5555555555555
DATA expc<>+264(SB)/8, $0x3fa5555555555555
DATA expc<>+272(SB)/8, $0x3fa5555555555555
DATA expc<>+280(SB)/8, $0x3fa5555555555555
DATA expc<>+288(SB)/8, $0x3f81111111111111
DATA expc<>+296(SB)/8, $0x3f81111111111111
DATA expc<>+304(SB)/8, $0x3f81111111111111
DATA expc<>+312(SB)/8, $0x3f81111111111111
DATA expc<>+320(SB)/8, $0x000000000000007f
DATA expc<>+328(SB)/8, $0x000000000000007f
DATA expc<>+336(SB)/8, $0x000000000000007f
DATA expc<>+344(SB)/8, $0x000000000000007f
DATA expc<>+352(SB)/8, $0xffffffffffffff80
DATA expc<>+360(SB)/8, $0xffffffffffffff80
DATA expc<>+368(SB)/8, $0xffffffffffffff80
DATA expc<>+376(SB)/8, $0xffffffffffffff80
GLOBL expc<>(SB), RODATA|NOPTR, $384

#define C(name) expc<>+name(SB)

// func expShifted4(v, mx, sum []float64) int
TEXT ·expShifted4(SB), NOSPLIT, $0-80
	MOVQ v_base+0(FP), SI
	MOVQ v_len+8(FP), CX
	MOVQ mx_base+24(FP), DI
	MOVQ sum_base+48(FP), R8
	LEAQ ·expTable(SB), R9
	XORQ DX, DX

loop:
	MOVQ CX, AX
	SUBQ DX, AX
	CMPQ AX, $4
	JLT  done

	// x = v - mx, in [-708, 709] in all four lanes, or stop.
	VMOVUPD (SI)(DX*8), Y0
	VSUBPD  (DI)(DX*8), Y0, Y0
	VCMPPD  $0x1d, C(0), Y0, Y1 // x >= -708, ordered
	VCMPPD  $0x12, C(32), Y0, Y2 // x <= 709, ordered
	VANDPD  Y1, Y2, Y1
	VMOVMSKPD Y1, AX
	CMPQ    AX, $15
	JNE     done

	// kf = x*invLn2 + shift, kd = kf - shift, n = bits(kf) - bits(shift)
	VMULPD C(64), Y0, Y1
	VADDPD C(96), Y1, Y1
	VSUBPD C(96), Y1, Y2
	VPSUBQ C(96), Y1, Y3

	// r = x - kd*ln2Hi - kd*ln2Lo, r2 = r*r
	VMULPD C(128), Y2, Y4
	VSUBPD Y4, Y0, Y4
	VMULPD C(160), Y2, Y5
	VSUBPD Y5, Y4, Y4
	VMULPD Y4, Y4, Y5

	// q = r + r2*((1/2 + r/6) + r2*(1/24 + r/120))
	VMULPD C(224), Y4, Y6
	VADDPD C(192), Y6, Y6
	VMULPD C(288), Y4, Y7
	VADDPD C(256), Y7, Y7
	VMULPD Y7, Y5, Y7
	VADDPD Y7, Y6, Y6
	VMULPD Y6, Y5, Y6
	VADDPD Y6, Y4, Y6

	// tj = expTable[n&127], t = tj + tj*q
	VPAND      C(320), Y3, Y7
	VPCMPEQQ   Y8, Y8, Y8
	VGATHERQPD Y8, (R9)(Y7*8), Y9
	VMULPD     Y9, Y6, Y6
	VADDPD     Y9, Y6, Y6

	// e = t·2^(n>>7): add (n>>7)<<52 = (n &^ 127)<<45 to the bits of t
	VPAND  C(352), Y3, Y3
	VPSLLQ $45, Y3, Y3
	VPADDQ Y3, Y6, Y6

	VMOVUPD Y6, (SI)(DX*8)
	VADDPD  (R8)(DX*8), Y6, Y6
	VMOVUPD Y6, (R8)(DX*8)
	ADDQ    $4, DX
	JMP     loop

done:
	VZEROUPPER
	MOVQ DX, ret+72(FP)
	RET

// func logProb2x4AVX2(q, x []float64, m0, m1, a, b, c, off float64, spherical bool) int
TEXT ·logProb2x4AVX2(SB), NOSPLIT, $0-112
	MOVQ         q_base+0(FP), DI
	MOVQ         q_len+8(FP), CX
	MOVQ         x_base+24(FP), SI
	VBROADCASTSD m0+48(FP), Y8
	VBROADCASTSD m1+56(FP), Y9
	VBROADCASTSD a+64(FP), Y10
	VBROADCASTSD b+72(FP), Y11
	VBROADCASTSD c+80(FP), Y12
	VBROADCASTSD off+88(FP), Y13
	VBROADCASTSD C(192), Y14 // 0.5
	MOVBLZX      spherical+96(FP), BX
	XORQ         DX, DX

lp2loop:
	MOVQ CX, AX
	SUBQ DX, AX
	CMPQ AX, $4
	JLT  lp2done

	// Rows r0..r3: x0 = (r0, r2, r1, r3) in Y2, x1 likewise in Y3.
	VMOVUPD   (SI), Y0
	VMOVUPD   32(SI), Y1
	VUNPCKLPD Y1, Y0, Y2
	VUNPCKHPD Y1, Y0, Y3
	VSUBPD    Y8, Y2, Y2 // d0 = x0 - m0
	VSUBPD    Y9, Y3, Y3 // d1 = x1 - m1
	TESTQ     BX, BX
	JNE       lp2spherical

	VMULPD Y2, Y10, Y4 // y0 = a*d0
	VMULPD Y2, Y11, Y5 // b*d0
	VMULPD Y3, Y12, Y6 // c*d1
	VADDPD Y6, Y5, Y5  // y1 = b*d0 + c*d1
	VMULPD Y4, Y4, Y4
	VMULPD Y5, Y5, Y5
	VADDPD Y5, Y4, Y4  // y0² + y1²
	JMP    lp2store

lp2spherical:
	VMULPD Y2, Y2, Y4
	VMULPD Y3, Y3, Y5
	VADDPD Y5, Y4, Y4  // d0² + d1²
	VMULPD Y10, Y4, Y4 // (d0² + d1²)*a

lp2store:
	VMULPD  Y14, Y4, Y4 // 0.5*s
	VSUBPD  Y4, Y13, Y4 // off - 0.5*s
	VPERMPD $0xd8, Y4, Y4 // rows back in order
	VMOVUPD Y4, (DI)
	ADDQ    $64, SI
	ADDQ    $32, DI
	ADDQ    $4, DX
	JMP     lp2loop

lp2done:
	VZEROUPPER
	MOVQ DX, ret+104(FP)
	RET

// func maxTo4AVX2(dst, src []float64) int
//
// Go's max(a, b) on amd64 is -m with n = -a, p = -b (sign flips),
// t = MINSD(n, p), m = MINSD(t, n) | t: the same here, lane by lane.
TEXT ·maxTo4AVX2(SB), NOSPLIT, $0-56
	MOVQ         dst_base+0(FP), DI
	MOVQ         dst_len+8(FP), CX
	MOVQ         src_base+24(FP), SI
	MOVQ         $0x8000000000000000, AX
	MOVQ         AX, X15
	VPBROADCASTQ X15, Y15
	XORQ         DX, DX

maxloop:
	MOVQ CX, AX
	SUBQ DX, AX
	CMPQ AX, $4
	JLT  maxdone
	VXORPD  (DI)(DX*8), Y15, Y0 // n = -dst
	VXORPD  (SI)(DX*8), Y15, Y1 // p = -src
	VMINPD  Y1, Y0, Y2          // t = n < p ? n : p
	VMINPD  Y0, Y2, Y3          // t < n ? t : n
	VORPD   Y2, Y3, Y3
	VXORPD  Y15, Y3, Y3
	VMOVUPD Y3, (DI)(DX*8)
	ADDQ    $4, DX
	JMP     maxloop

maxdone:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func mulTo4AVX2(dst, src []float64) int
TEXT ·mulTo4AVX2(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ src_base+24(FP), SI
	XORQ DX, DX

mulloop:
	MOVQ CX, AX
	SUBQ DX, AX
	CMPQ AX, $4
	JLT  muldone
	VMOVUPD (DI)(DX*8), Y0
	VMULPD  (SI)(DX*8), Y0, Y0
	VMOVUPD Y0, (DI)(DX*8)
	ADDQ    $4, DX
	JMP     mulloop

muldone:
	VZEROUPPER
	MOVQ DX, ret+48(FP)
	RET

// func assign2x4AVX2(x, centers, cn []float64, labels []int) int
//
// For four rows at once: dist_c = -2*(x0*c0 + x1*c1) + cn_c; the label
// becomes c where dist_c < best (ordered), and best = min(best, dist_c)
// with Go's min: t = MINSD(best, dist), best = MINSD(t, best) | t.
TEXT ·assign2x4AVX2(SB), NOSPLIT, $0-104
	MOVQ         x_base+0(FP), SI
	MOVQ         centers_base+24(FP), R8
	MOVQ         cn_base+48(FP), R9
	MOVQ         cn_len+56(FP), R10
	MOVQ         labels_base+72(FP), DI
	MOVQ         labels_len+80(FP), CX
	MOVQ         $0xc000000000000000, AX // -2
	MOVQ         AX, X15
	VPBROADCASTQ X15, Y15
	XORQ         DX, DX

a2loop:
	MOVQ CX, AX
	SUBQ DX, AX
	CMPQ AX, $4
	JLT  a2done

	// x0 and x1 of four rows, in row order.
	VMOVUPD   (SI), Y0
	VMOVUPD   32(SI), Y1
	VUNPCKLPD Y1, Y0, Y2
	VUNPCKHPD Y1, Y0, Y3
	VPERMPD   $0xd8, Y2, Y2
	VPERMPD   $0xd8, Y3, Y3

	// Centre 0.
	VBROADCASTSD (R8), Y4
	VBROADCASTSD 8(R8), Y5
	VBROADCASTSD (R9), Y6
	VMULPD       Y4, Y2, Y7
	VMULPD       Y5, Y3, Y8
	VADDPD       Y8, Y7, Y7
	VMULPD       Y15, Y7, Y7
	VADDPD       Y6, Y7, Y7 // best distance
	VPXOR        Y9, Y9, Y9 // best label 0
	MOVQ         $1, BX
	LEAQ         16(R8), R11
	LEAQ         8(R9), R12

a2centre:
	CMPQ         BX, R10
	JGE          a2store
	VBROADCASTSD (R11), Y4
	VBROADCASTSD 8(R11), Y5
	VBROADCASTSD (R12), Y6
	VMULPD       Y4, Y2, Y10
	VMULPD       Y5, Y3, Y11
	VADDPD       Y11, Y10, Y10
	VMULPD       Y15, Y10, Y10
	VADDPD       Y6, Y10, Y10       // dist
	VCMPPD       $0x11, Y7, Y10, Y12 // dist < best, ordered
	MOVQ         BX, X13
	VPBROADCASTQ X13, Y13
	VBLENDVPD    Y12, Y13, Y9, Y9   // label = c where dist < best
	VMINPD       Y10, Y7, Y13       // t = best < dist ? best : dist
	VMINPD       Y7, Y13, Y14       // t < best ? t : best
	VORPD        Y13, Y14, Y7       // best = that | t
	INCQ         BX
	ADDQ         $16, R11
	ADDQ         $8, R12
	JMP          a2centre

a2store:
	VMOVDQU Y9, (DI)(DX*8)
	ADDQ    $64, SI
	ADDQ    $4, DX
	JMP     a2loop

a2done:
	VZEROUPPER
	MOVQ DX, ret+96(FP)
	RET

// func moments2x4AVX2(x, r, mu []float64, out *[24]float64)
//
// Lane j is component j: its responsibilities are 256 values (2048 bytes,
// chunkRows) after component j-1's.
TEXT ·moments2x4AVX2(SB), NOSPLIT, $0-80
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	SHRQ $1, CX
	MOVQ r_base+24(FP), R8
	MOVQ mu_base+48(FP), R9
	MOVQ out+72(FP), DI

	// The components' mean coordinates m0 and m1, in component order.
	VMOVUPD   (R9), Y0
	VMOVUPD   32(R9), Y1
	VUNPCKLPD Y1, Y0, Y12
	VUNPCKHPD Y1, Y0, Y13
	VPERMPD   $0xd8, Y12, Y12
	VPERMPD   $0xd8, Y13, Y13

	VXORPD Y6, Y6, Y6   // n
	VXORPD Y7, Y7, Y7   // s0
	VXORPD Y8, Y8, Y8   // s1
	VXORPD Y9, Y9, Y9   // s00
	VXORPD Y10, Y10, Y10 // s10
	VXORPD Y11, Y11, Y11 // s11

m2loop:
	TESTQ        CX, CX
	JEQ          m2done
	VBROADCASTSD (SI), Y14
	VBROADCASTSD 8(SI), Y15
	VMOVSD       (R8), X0
	VMOVHPD      2048(R8), X0, X0
	VMOVSD       4096(R8), X1
	VMOVHPD      6144(R8), X1, X1
	VINSERTF128  $1, X1, Y0, Y0 // w
	VSUBPD       Y12, Y14, Y1   // y0 = x0 - m0
	VSUBPD       Y13, Y15, Y2   // y1 = x1 - m1
	VMULPD       Y1, Y0, Y3     // wy0 = w*y0
	VMULPD       Y2, Y0, Y4     // wy1 = w*y1
	VADDPD       Y0, Y6, Y6     // n += w
	VADDPD       Y3, Y7, Y7     // s0 += wy0
	VADDPD       Y4, Y8, Y8     // s1 += wy1
	VMULPD       Y1, Y3, Y5
	VADDPD       Y5, Y9, Y9     // s00 += wy0*y0
	VMULPD       Y2, Y3, Y5
	VADDPD       Y5, Y10, Y10   // s10 += wy0*y1
	VMULPD       Y2, Y4, Y5
	VADDPD       Y5, Y11, Y11   // s11 += wy1*y1
	ADDQ         $16, SI
	ADDQ         $8, R8
	DECQ         CX
	JMP          m2loop

m2done:
	VMOVUPD Y6, (DI)
	VMOVUPD Y7, 32(DI)
	VMOVUPD Y8, 64(DI)
	VMOVUPD Y9, 96(DI)
	VMOVUPD Y10, 128(DI)
	VMOVUPD Y11, 160(DI)
	VZEROUPPER
	RET
