using Cairn.Cairo.Instructions;

namespace Cairn.Cairo.Tests;

public class DecoderTests
{
    [Theory]
    [InlineData(0x208b7fff7fff7ffeUL)] // ret
    [InlineData(0x1104800180018000UL)] // call rel imm
    [InlineData(0x1084800180018000UL)] // call abs imm
    [InlineData(0x010780017fff7fffUL)] // jmp rel imm
    [InlineData(0x008780017fff7fffUL)] // jmp abs imm
    [InlineData(0x020680017fff7fffUL)] // jnz
    [InlineData(0x040780017fff7fffUL)] // ap += imm
    [InlineData(0x480680017fff8000UL)] // [ap] = imm, ap++
    public void Canonical_words_round_trip(ulong word)
    {
        Assert.True(InstructionDecoder.TryDecode(word, out var ins, out var error), error);
        Assert.Equal(word, InstructionEncoder.Encode(ins));
    }

    [Fact]
    public void Canonical_words_match_the_test_assembler()
    {
        Assert.Equal(0x208b7fff7fff7ffeUL, Words(new Asm().Ret())[0]);
        Assert.Equal(0x1104800180018000UL, Words(new Asm().CallRel(5))[0]);
        Assert.Equal(0x010780017fff7fffUL, Words(new Asm().JmpRel(3))[0]);
        Assert.Equal(0x020680017fff7fffUL, Words(new Asm().Jnz(3, Register.Ap, -1))[0]);
        Assert.Equal(0x040780017fff7fffUL, Words(new Asm().ApAdd(3))[0]);
        Assert.Equal(0x480680017fff8000UL, Words(new Asm().AssertImm(Register.Ap, 0, 7, apPlusPlus: true))[0]);
    }

    [Fact]
    public void Decodes_fields_and_derived_values()
    {
        Assert.True(InstructionDecoder.TryDecode(0x208b7fff7fff7ffeUL, out var ret, out _));
        Assert.Equal(new Instruction(-2, -1, -1, Register.Fp, Register.Fp, Op1Source.Fp, ResLogic.Op1, PcUpdate.Jump,
            ApUpdate.Regular, FpUpdate.Dst, Opcode.Ret), ret);
        Assert.True(InstructionDecoder.TryDecode(0x1104800180018000UL, out var call, out _));
        Assert.Equal(ApUpdate.Add2, call.ApUpdate);
        Assert.Equal(FpUpdate.ApPlus2, call.FpUpdate);
        Assert.Equal(2, call.Size);
        Assert.True(InstructionDecoder.TryDecode(0x020680017fff7fffUL, out var jnz, out _));
        Assert.Equal(ResLogic.Unconstrained, jnz.Res);
        Assert.Equal(-1, jnz.OffDst);
    }

    [Theory]
    [InlineData(0x001C, "op1_src")]            // OP1_SRC = 7
    [InlineData(0x000C, "op1_src")]            // OP1_SRC = 3
    [InlineData(0x0060, "res_logic")]          // RES_LOGIC = 3
    [InlineData(0x0180, "pc_update")]          // PC_UPDATE = 3
    [InlineData(0x0C00, "ap_update")]          // AP_UPDATE = 3
    [InlineData(0x3000, "opcode")]             // OPCODE = 3
    [InlineData(0x7000, "opcode")]             // OPCODE = 7
    [InlineData(0x0220, "jnz")]                // JNZ with res ADD
    [InlineData(0x1404, "call")]               // CALL with ap += res
    public void Invalid_flag_combinations_are_rejected(int flags, string reason)
    {
        ulong word = ((ulong)(uint)flags << 48) | 0x800080008000UL;
        if ((flags & 0x1000) != 0) word = ((ulong)(uint)flags << 48) | 0x800180018000UL; // canonical call operands
        Assert.False(InstructionDecoder.TryDecode(word, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Rust_strictness_checks()
    {
        // call with off0 = 1
        Assert.False(InstructionDecoder.TryDecode(0x1104800180018001UL, out _, out var e1));
        Assert.Contains("call", e1);
        // ret with off0 = -3
        Assert.False(InstructionDecoder.TryDecode(0x208b7fff7fff7ffdUL, out _, out var e2));
        Assert.Contains("ret", e2);
        // immediate with off2 = 2
        Assert.False(InstructionDecoder.TryDecode(0x480680027fff8000UL, out _, out var e3));
        Assert.Contains("off2 should be 1", e3);
        // bit 63
        Assert.False(InstructionDecoder.TryDecode(0x8000000000000000UL | 0x480680017fff8000UL, out _, out var e4));
        Assert.Contains("Unsupported instruction", e4);
    }

    [Fact]
    public void Every_valid_flag_combination_round_trips()
    {
        int valid = 0;
        for (uint flags = 0; flags < 1 << 15; flags++)
        {
            ulong word = ((ulong)flags << 48) | (0x8001UL << 32) | (0x8001UL << 16) | 0x8000UL;
            if ((flags & 0x2000) != 0) word = ((ulong)flags << 48) | 0x7fff7fff7ffeUL;
            if (InstructionDecoder.TryDecode(word, out var ins, out _))
            {
                valid++;
                Assert.Equal(word, InstructionEncoder.Encode(ins));
            }
        }
        Assert.True(valid > 100);
    }

    private static ulong[] Words(Asm a)
    {
        var r = new ulong[a.Words.Count];
        for (int i = 0; i < r.Length; i++) r[i] = a.Words[i].ToUInt64();
        return r;
    }
}
