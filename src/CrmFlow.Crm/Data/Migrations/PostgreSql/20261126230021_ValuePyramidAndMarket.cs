using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmFlow.Crm.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ValuePyramidAndMarket : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Competitors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Profile = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Products = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Strengths = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Weaknesses = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Strategy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MarketPerformance = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    KeyPeopleJson = table.Column<string>(type: "text", nullable: false),
                    AssessmentsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Competitors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Competitors_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "QuestionnaireTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireTemplates_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CompetitorOpportunities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompetitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    OpportunityReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OpportunityName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompetitorOpportunities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompetitorOpportunities_Competitors_CompetitorId",
                        column: x => x.CompetitorId,
                        principalTable: "Competitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "QuestionnaireVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    QuestionsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireVersions_QuestionnaireTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "QuestionnaireTemplates",
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

            migrationBuilder.CreateTable(
                name: "SurveyCampaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReminderAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WorkflowInstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyCampaigns_QuestionnaireTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "QuestionnaireTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyCampaigns_QuestionnaireVersions_TemplateVersionId",
                        column: x => x.TemplateVersionId,
                        principalTable: "QuestionnaireVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyCampaigns_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyCampaigns_Users_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondentKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RespondentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    EnteredById = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_SurveyCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "SurveyCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Users_EnteredById",
                        column: x => x.EnteredById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompetitorOpportunities_CompetitorId_OpportunityReference",
                table: "CompetitorOpportunities",
                columns: new[] { "CompetitorId", "OpportunityReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompetitorOpportunities_OpportunityReference",
                table: "CompetitorOpportunities",
                column: "OpportunityReference");

            migrationBuilder.CreateIndex(
                name: "IX_Competitors_CreatedById",
                table: "Competitors",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Competitors_Name",
                table: "Competitors",
                column: "Name",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireTemplates_CreatedById",
                table: "QuestionnaireTemplates",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireTemplates_Name",
                table: "QuestionnaireTemplates",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireVersions_TemplateId_Number",
                table: "QuestionnaireVersions",
                columns: new[] { "TemplateId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyCampaigns_CreatedById",
                table: "SurveyCampaigns",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyCampaigns_OwnerId",
                table: "SurveyCampaigns",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyCampaigns_Status",
                table: "SurveyCampaigns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyCampaigns_TemplateId",
                table: "SurveyCampaigns",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyCampaigns_TemplateVersionId",
                table: "SurveyCampaigns",
                column: "TemplateVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_CampaignId_RespondentId",
                table: "SurveyResponses",
                columns: new[] { "CampaignId", "RespondentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_CustomerId",
                table: "SurveyResponses",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_EnteredById",
                table: "SurveyResponses",
                column: "EnteredById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompetitorOpportunities");

            migrationBuilder.DropTable(
                name: "PyramidModelTiers");

            migrationBuilder.DropTable(
                name: "PyramidSnapshotEntries");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "Competitors");

            migrationBuilder.DropTable(
                name: "PyramidSnapshots");

            migrationBuilder.DropTable(
                name: "SurveyCampaigns");

            migrationBuilder.DropTable(
                name: "PyramidModels");

            migrationBuilder.DropTable(
                name: "QuestionnaireVersions");

            migrationBuilder.DropTable(
                name: "QuestionnaireTemplates");
        }
    }
}
