using System.Buffers.Binary;

namespace Oprel.Bench;

/// <summary>
/// Fast pseudo-random F16 weights: a random sign and mantissa with an exponent of 2^-9 to 2^-6, so every value is small
/// (|w| &lt; 1/32) and the activations stay finite through any number of blocks. Not for statistics: only for speed.
/// </summary>
internal sealed class RandomHalves(ulong seed)
{
    // F16 exponent fields 6..9 (bias 15): magnitudes 2^-9 .. 2^-6 times 1.x.
    private const int LowestExponentField = 6;

    private ulong _state = seed | 1;

    /// <summary>Fills <paramref name="destination"/> (little-endian F16, an even length) with random small values.</summary>
    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i + 8 <= destination.Length; i += 8)
        {
            var bits = Next();
            ulong packed = 0;
            for (var lane = 0; lane < 4; lane++)
            {
                var r = (uint)(bits >> (16 * lane)) & 0xFFFF;
                var exponent = (uint)LowestExponentField + ((r >> 10) & 3);
                var half = (r & 0x83FF) | (exponent << 10);
                packed |= (ulong)half << (16 * lane);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], packed);
        }

        for (var i = destination.Length & ~7; i + 2 <= destination.Length; i += 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[i..], (ushort)((Next() & 0x83FF) | ((ulong)LowestExponentField << 10)));
        }
    }

    public int NextInt32(int exclusiveMax) => (int)(Next() % (ulong)exclusiveMax);

    private ulong Next()
    {
        // xorshift64*
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }
}
