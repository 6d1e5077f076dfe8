ALTER TABLE "clients" ADD COLUMN "age_band" text DEFAULT 'prefer_not_to_say' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "sex" text DEFAULT 'prefer_not_to_say' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "ethnic_group" text DEFAULT 'prefer_not_to_say' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "disability" text DEFAULT 'prefer_not_to_say' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_age_band_valid" CHECK ("clients"."age_band" in ('under_18','18_24','25_34','35_49','50_64','65_74','75_and_over','prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_sex_valid" CHECK ("clients"."sex" in ('female','male','prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_ethnic_group_valid" CHECK ("clients"."ethnic_group" in ('asian','black','mixed','white','other','prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_disability_valid" CHECK ("clients"."disability" in ('yes','no','prefer_not_to_say'));