using Oprel.Worker.Engine;

namespace Oprel.Worker.Tests.Engine;

public sealed class MappedModelPagesTests
{
    [Fact]
    public void ReadOnlyRanges_FindsTheFilesReadOnlyMappingsOnly()
    {
        string[] maps =
        [
            "7f00a0000000-7f00a4000000 r--s 00000000 fe:01 131090                     /models/my model.gguf",
            "7f00a4000000-7f00a4001000 rw-p 00000000 fe:01 131090                     /models/my model.gguf",
            "7f00b0000000-7f00b0200000 r--p 00000000 fe:01 131091                     /models/other.gguf",
            "7f00c0000000-7f00c0021000 rw-p 00000000 00:00 0 ",
            "7f00d0000000-7f00d1000000 r--p 04000000 fe:01 131090                     /models/my model.gguf",
            "not a maps line",
        ];

        var ranges = MappedModelPages.ReadOnlyRanges(maps, "/models/my model.gguf").ToList();

        Assert.Equal([(0x7f00a0000000UL, 0x7f00a4000000UL), (0x7f00d0000000UL, 0x7f00d1000000UL)], ranges);
    }

    [Fact]
    public void ReadOnlyRanges_IgnoresAPathThatOnlyStartsTheSame()
    {
        string[] maps = ["7f00a0000000-7f00a4000000 r--s 00000000 fe:01 131090 /models/a.gguf.part"];

        Assert.Empty(MappedModelPages.ReadOnlyRanges(maps, "/models/a.gguf"));
    }
}
