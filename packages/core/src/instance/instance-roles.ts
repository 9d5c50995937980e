/**
 * The two roles every tenant instance has (one cluster per instance, so the names are fixed):
 * the owner of the tenant's database, whose credentials owners and admins get, and a read-only
 * role (member of `pg_read_all_data`, nothing else), whose credentials every other member gets.
 * Neither is a superuser nor has `pg_read_all_settings`, so neither can read the settings that
 * name host paths (archive_command, restore_command, data_directory, config_file, hba_file).
 */
export const INSTANCE_OWNER_ROLE = 'app';
export const INSTANCE_READER_ROLE = 'app_readonly';
