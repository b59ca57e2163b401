using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Crm.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerPyramidIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_Kind_CustomerId_Date_Amount",
                table: "LedgerEntries",
                columns: new[] { "Kind", "CustomerId", "Date", "Amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_Kind_CustomerId_Date_Amount",
                table: "LedgerEntries");
        }
    }
}
