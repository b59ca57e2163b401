using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Crm.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ValuePyramid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PyramidModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Metric = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RevenueBasis = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TierRule = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PeriodMonths = table.Column<int>(type: "integer", nullable: false),
                    LoyaltyActivityWeight = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    LoyaltyTransactionWeight = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PyramidModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PyramidModels_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PyramidModelTiers",
                columns: table => new
                {
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SharePercent = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    LowerBound = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PyramidModelTiers", x => new { x.ModelId, x.Position });
                    table.ForeignKey(
                        name: "FK_PyramidModelTiers_PyramidModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "PyramidModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PyramidSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    TierOrder = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IsShortHistory = table.Column<bool>(type: "boolean", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PyramidSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PyramidSnapshots_PyramidModels_ModelId",
                        column: x => x.ModelId,
                        principalTable: "PyramidModels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PyramidSnapshotEntries",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PyramidSnapshotEntries", x => new { x.SnapshotId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_PyramidSnapshotEntries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PyramidSnapshotEntries_PyramidSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "PyramidSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PyramidModels_CreatedById",
                table: "PyramidModels",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_PyramidModels_Name",
                table: "PyramidModels",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PyramidSnapshotEntries_CustomerId",
                table: "PyramidSnapshotEntries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_PyramidSnapshots_ModelId_PeriodTo",
                table: "PyramidSnapshots",
                columns: new[] { "ModelId", "PeriodTo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PyramidModelTiers");

            migrationBuilder.DropTable(
                name: "PyramidSnapshotEntries");

            migrationBuilder.DropTable(
                name: "PyramidSnapshots");

            migrationBuilder.DropTable(
                name: "PyramidModels");
        }
    }
}
