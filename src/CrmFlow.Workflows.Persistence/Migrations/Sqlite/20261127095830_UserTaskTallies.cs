using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CrmFlow.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UserTaskTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UserTaskTallies",
                columns: table => new
                {
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserTaskTallies", x => new { x.Status, x.Slot });
                });

            migrationBuilder.InsertData(
                table: "UserTaskTallies",
                columns: new[] { "Slot", "Status", "Count" },
                values: new object[,]
                {
                    { 0, "Assigned", 0L },
                    { 1, "Assigned", 0L },
                    { 2, "Assigned", 0L },
                    { 3, "Assigned", 0L },
                    { 4, "Assigned", 0L },
                    { 5, "Assigned", 0L },
                    { 6, "Assigned", 0L },
                    { 7, "Assigned", 0L },
                    { 8, "Assigned", 0L },
                    { 9, "Assigned", 0L },
                    { 10, "Assigned", 0L },
                    { 11, "Assigned", 0L },
                    { 12, "Assigned", 0L },
                    { 13, "Assigned", 0L },
                    { 14, "Assigned", 0L },
                    { 15, "Assigned", 0L },
                    { 0, "Open", 0L },
                    { 1, "Open", 0L },
                    { 2, "Open", 0L },
                    { 3, "Open", 0L },
                    { 4, "Open", 0L },
                    { 5, "Open", 0L },
                    { 6, "Open", 0L },
                    { 7, "Open", 0L },
                    { 8, "Open", 0L },
                    { 9, "Open", 0L },
                    { 10, "Open", 0L },
                    { 11, "Open", 0L },
                    { 12, "Open", 0L },
                    { 13, "Open", 0L },
                    { 14, "Open", 0L },
                    { 15, "Open", 0L }
                });

            // The open tasks already there, counted into slot 0 of their status.
            migrationBuilder.Sql("UPDATE \"UserTaskTallies\" SET \"Count\" = (SELECT COUNT(*) FROM \"UserTasks\" AS t WHERE t.\"Status\" = \"UserTaskTallies\".\"Status\") WHERE \"Slot\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserTaskTallies");
        }
    }
}
