using CrmFlow.Crm.Domain.Sales;

namespace CrmFlow.Crm.Tests.Domain.Sales;

public class OpportunityDocumentTests
{
    public static TheoryData<string?, string> FileNames => new()
    {
        { "contract.pdf", "contract.pdf" },
        { "报价单 2027.pdf", "报价单 2027.pdf" },
        { "../../etc/passwd", "passwd" },
        { @"C:\Users\li\Desktop\合同.docx", "合同.docx" },
        { "/srv/shared/spec.txt", "spec.txt" },
        { "a\u0000b\r\nc.txt", "a_b__c.txt" },
        { "what?<is>:this|*\".doc", "what__is__this___.doc" },
        { "  .hidden.  ", "hidden" },
        { "dir/", "document" },
        { "..", "document" },
        { null, "document" },
        { "   ", "document" },
    };

    [Theory]
    [MemberData(nameof(FileNames))]
    public void File_names_keep_only_their_last_segment_without_unsafe_characters(string? given, string stored) =>
        Assert.Equal(stored, OpportunityDocument.SanitizeFileName(given));

    [Fact]
    public void A_too_long_file_name_is_cut_keeping_its_extension()
    {
        var name = OpportunityDocument.SanitizeFileName(new string('合', 300) + ".pdf");

        Assert.Equal(OpportunityDocument.MaxFileNameLength, name.Length);
        Assert.EndsWith("合.pdf", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/pdf", "application/pdf")]
    [InlineData("Text/Plain; charset=utf-8", "text/plain; charset=utf-8")]
    [InlineData(null, "application/octet-stream")]
    [InlineData("", "application/octet-stream")]
    [InlineData("not a type", "application/octet-stream")]
    [InlineData("pdf", "application/octet-stream")]
    public void Content_types_are_kept_when_well_formed(string? given, string stored) =>
        Assert.Equal(stored, OpportunityDocument.NormalizeContentType(given));

    [Fact]
    public void Adding_a_document_computes_size_and_sha256_and_defaults_the_kind()
    {
        var at = new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var opportunity = new Opportunity(
            Guid.NewGuid(), "ERP", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "ERP", 1m, new DateOnly(2027, 3, 1), null, Guid.NewGuid(), at);

        var (document, content) = opportunity.AddDocument(Guid.NewGuid(), "abc.txt", "text/plain", "abc"u8.ToArray(), "unknown", "  ", Guid.NewGuid(), at);

        Assert.Equal(3, document.Size);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", document.Sha256);
        Assert.Equal(DocumentKinds.Other, document.Kind);
        Assert.Null(document.Description);
        Assert.Equal(document.Id, content.DocumentId);
        Assert.Same(document, Assert.Single(opportunity.Documents));
    }

    [Fact]
    public void Only_the_uploader_the_owner_or_an_administrator_may_delete()
    {
        var uploader = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var document = new OpportunityDocument(
            Guid.NewGuid(), Guid.NewGuid(), "a.txt", "text/plain", 1, new string('0', 64), null, null, uploader, DateTimeOffset.UnixEpoch);

        Assert.True(document.MayBeDeletedBy(uploader, false, owner));
        Assert.True(document.MayBeDeletedBy(owner, false, owner));
        Assert.True(document.MayBeDeletedBy(Guid.NewGuid(), true, owner));
        Assert.False(document.MayBeDeletedBy(Guid.NewGuid(), false, owner));
        Assert.False(document.MayBeDeletedBy(null, false, owner));
    }
}
