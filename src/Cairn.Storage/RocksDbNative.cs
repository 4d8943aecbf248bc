using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RocksDbSharp;

namespace Cairn.Storage;

/// <summary>Small helpers over the RocksDB C API as RocksDbSharp exposes it.</summary>
internal static unsafe class RocksDbNative
{
    private static readonly byte* EmptyKey = (byte*)NativeMemory.AllocZeroed(1);

    public static Native Api => Native.Instance;

    /// <summary>A pointer to the bytes of a pinned span, never null (RocksDB slices want a valid pointer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* OrEmpty(byte* pointer) => pointer == null ? EmptyKey : pointer;

    /// <summary>Throws a <see cref="StorageException"/> for a RocksDB error string (and frees it).</summary>
    public static void Check(IntPtr error)
    {
        if (error != IntPtr.Zero)
        {
            Throw(error);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(IntPtr error)
    {
        var message = Marshal.PtrToStringUTF8(error) ?? "unknown error";
        Api.rocksdb_free(error);
        throw new StorageException("RocksDB: " + message);
    }

    /// <summary>Copies <paramref name="bytes"/> to native memory (freed with <see cref="NativeMemory.Free"/>).</summary>
    public static byte* CopyToNative(ReadOnlySpan<byte> bytes)
    {
        var pointer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, bytes.Length));
        bytes.CopyTo(new Span<byte>(pointer, bytes.Length));
        return pointer;
    }
}
