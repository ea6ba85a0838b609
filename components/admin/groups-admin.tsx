"use client";

import { useId, useMemo, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Loader2Icon, PlusIcon, SearchIcon, ShieldCheckIcon, ShieldIcon, UserPlusIcon, UsersIcon, XIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { ConfirmButton } from "@/components/confirm-button";
import { EmptyState } from "@/components/empty-state";
import { api, errorMessage } from "@/lib/client/api";
import type { GroupView } from "@/lib/admin/create-group";
import type { UserView } from "@/lib/admin/create-user";
import { cn } from "@/lib/utils";

const ADMIN_GROUP = "admin";

type Props = {
  tab: "groups" | "users";
  initialGroups: GroupView[];
  initialUsers: UserView[];
  /** Group name → the connections it approves. */
  approves: Record<string, string[]>;
  viewerEmail: string;
};

function useAdminData(initialGroups: GroupView[], initialUsers: UserView[]) {
  const groups = useQuery({
    queryKey: ["groups"],
    queryFn: async ({ signal }) => (await api<{ items: GroupView[] }>("/api/v1/groups", { signal })).items,
    initialData: initialGroups,
  });
  const users = useQuery({
    queryKey: ["users"],
    queryFn: async ({ signal }) => (await api<{ items: UserView[] }>("/api/v1/users", { signal })).items,
    initialData: initialUsers,
  });
  return { groups: groups.data, users: users.data };
}

/** Membership changes through the REST API; both lists refetch after each. */
function useMembership() {
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["groups"] }), queryClient.invalidateQueries({ queryKey: ["users"] })]);
  const add = useMutation({
    mutationFn: ({ group, email }: { group: string; email: string }) =>
      api<GroupView>(`/api/v1/groups/${encodeURIComponent(group)}/members`, { method: "POST", body: { email } }),
    onSuccess: (_g, { group, email }) => toast.success(group === ADMIN_GROUP ? `${email} is now an admin` : `Added ${email} to ${group}`),
    onError: (error) => toast.error("Not added", { description: errorMessage(error) }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: ({ group, email }: { group: string; email: string }) =>
      api<GroupView>(`/api/v1/groups/${encodeURIComponent(group)}/members/${encodeURIComponent(email)}`, { method: "DELETE" }),
    onSuccess: (_g, { group, email }) => toast.success(group === ADMIN_GROUP ? `${email} is no longer an admin` : `Removed ${email} from ${group}`),
    onError: (error) => toast.error("Not removed", { description: errorMessage(error) }),
    onSettled: refresh,
  });
  return { add, remove };
}

export function GroupsAdmin({ tab, initialGroups, initialUsers, approves, viewerEmail }: Props) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const { groups, users } = useAdminData(initialGroups, initialUsers);

  function changeTab(next: string) {
    const params = new URLSearchParams(searchParams.toString());
    if (next === "users") params.set("tab", "users");
    else params.delete("tab");
    const text = params.toString();
    router.replace(`/admin/groups${text ? `?${text}` : ""}`, { scroll: false });
  }

  return (
    <Tabs value={tab} onValueChange={changeTab} className="gap-4">
      <TabsList aria-label="Groups and users">
        <TabsTrigger value="groups">
          Groups <span className="text-muted-foreground tabular-nums">{groups.length}</span>
        </TabsTrigger>
        <TabsTrigger value="users">
          Users <span className="text-muted-foreground tabular-nums">{users.length}</span>
        </TabsTrigger>
      </TabsList>
      <TabsContent value="groups" className="grid grid-cols-1 gap-4">
        <CreateGroupForm />
        {groups.length === 0 ? (
          <EmptyState Icon={UsersIcon} title="No groups yet">
            Groups approve requests. Create one, add its members, then choose it on a connection.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 xl:grid-cols-2" aria-label="Groups">
            {groups.map((g) => (
              <li key={g.id}>
                <GroupCard group={g} users={users} approves={approves[g.name] ?? []} />
              </li>
            ))}
          </ul>
        )}
      </TabsContent>
      <TabsContent value="users" className="grid grid-cols-1 gap-4">
        <CreateUserForm />
        <UsersTable users={users} viewerEmail={viewerEmail} />
      </TabsContent>
    </Tabs>
  );
}

function CreateGroupForm() {
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation({
    mutationFn: () => api<GroupView>("/api/v1/groups", { method: "POST", body: { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) } }),
    onSuccess: (group) => {
      toast.success(`Created group ${group.name}`, { description: "Add members, then choose it as an approval group on a connection." });
      setName("");
      setDescription("");
      return queryClient.invalidateQueries({ queryKey: ["groups"] });
    },
  });
  return (
    <Card className="gap-4 py-5">
      <CardHeader className="px-5">
        <CardTitle className="text-base">New group</CardTitle>
      </CardHeader>
      <CardContent className="px-5">
        <form
          className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <div className="grid gap-2">
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value.toLowerCase())} placeholder="e.g. sre-oncall" autoComplete="off" required />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-description`}>
              Description <span className="font-normal text-muted-foreground">(optional)</span>
            </Label>
            <Input id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Who is in it" maxLength={500} />
          </div>
          <Button type="submit" disabled={!name.trim() || create.isPending}>
            {create.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PlusIcon aria-hidden="true" />}
            Create group
          </Button>
        </form>
        {create.error && (
          <p className="mt-3 text-sm text-destructive" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function GroupCard({ group, users, approves }: { group: GroupView; users: UserView[]; approves: string[] }) {
  const { add, remove } = useMembership();
  const id = useId();
  const [email, setEmail] = useState("");
  const memberEmails = new Set(group.members.map((m) => m.email));
  const candidates = users.filter((u) => !memberEmails.has(u.email));
  const isAdminGroup = group.name === ADMIN_GROUP;

  return (
    <Card className={cn("h-full gap-4 py-5", isAdminGroup && "border-primary/40")} data-testid={`group-card-${group.name}`}>
      <CardHeader className="px-5">
        <h2 className="flex flex-wrap items-center gap-2 leading-none font-semibold">
          {isAdminGroup ? <ShieldCheckIcon className="size-4 text-primary" aria-hidden="true" /> : <UsersIcon className="size-4 text-muted-foreground" aria-hidden="true" />}
          <span className="break-all">{group.name}</span>
          <Badge variant="secondary" className="tabular-nums">
            {group.members.length} {group.members.length === 1 ? "member" : "members"}
          </Badge>
        </h2>
        <CardDescription>
          {isAdminGroup ? "Members are admins: they manage connections, groups and users, and can force approve and revoke." : (group.description ?? "No description")}
        </CardDescription>
        {!isAdminGroup && (
          <p className="text-xs text-muted-foreground">
            {approves.length ? <>Approves {approves.join(", ")}</> : "Not an approval group of any connection yet"}
          </p>
        )}
      </CardHeader>
      <CardContent className="grid gap-4 px-5">
        {group.members.length === 0 ? (
          <p className="text-sm text-muted-foreground">No members yet.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label={`Members of ${group.name}`}>
            {group.members.map((m) => (
              <li key={m.email} className="flex items-center gap-1 rounded-full border bg-background py-0.5 pr-0.5 pl-3 text-sm">
                <span className="max-w-56 truncate" title={m.email}>
                  {m.name ?? m.email}
                </span>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-6 rounded-full"
                  aria-label={`Remove ${m.email} from ${group.name}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ group: group.name, email: m.email })}
                >
                  <XIcon className="size-3.5" aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!email.trim()) return;
            add.mutate({ group: group.name, email: email.trim().toLowerCase() }, { onSuccess: () => setEmail("") });
          }}
        >
          <Label htmlFor={`${id}-add`} className="sr-only">
            Add a member to {group.name}
          </Label>
          <Input
            id={`${id}-add`}
            list={`${id}-candidates`}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="Add by email"
            autoComplete="off"
            className="h-8"
          />
          <datalist id={`${id}-candidates`}>
            {candidates.map((u) => (
              <option key={u.id} value={u.email}>
                {u.name ?? ""}
              </option>
            ))}
          </datalist>
          <Button type="submit" size="sm" variant="outline" disabled={!email.trim() || add.isPending}>
            <UserPlusIcon aria-hidden="true" />
            Add
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function CreateUserForm() {
  const queryClient = useQueryClient();
  const id = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => api<UserView>("/api/v1/users", { method: "POST", body: { email: email.trim(), name: name.trim() } }),
    onSuccess: (user) => {
      toast.success(`Added ${user.email}`, { description: "They can sign in now; add them to groups to let them approve." });
      setEmail("");
      setName("");
      return queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
  return (
    <Card className="gap-4 py-5">
      <CardHeader className="px-5">
        <CardTitle className="text-base">Add a user</CardTitle>
      </CardHeader>
      <CardContent className="px-5">
        <form
          className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (email.trim() && name.trim()) create.mutate();
          }}
        >
          <div className="grid gap-2">
            <Label htmlFor={`${id}-email`}>Email</Label>
            <Input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="erin@example.com" autoComplete="off" required />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="Erin Engineer" autoComplete="off" required />
          </div>
          <Button type="submit" disabled={!email.trim() || !name.trim() || create.isPending}>
            {create.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <UserPlusIcon aria-hidden="true" />}
            Add user
          </Button>
        </form>
        {create.error && (
          <p className="mt-3 text-sm text-destructive" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

const USERS_SHOWN = 200;

function UsersTable({ users, viewerEmail }: { users: UserView[]; viewerEmail: string }) {
  const { add, remove } = useMembership();
  const id = useId();
  const [filter, setFilter] = useState("");
  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? users.filter((u) => [u.email, u.name ?? "", ...u.groups].some((v) => v.toLowerCase().includes(needle))) : users;
  }, [users, filter]);
  const shown = matching.slice(0, USERS_SHOWN);

  return (
    <Card className="gap-0 py-0">
      <div className="flex flex-col gap-2 border-b p-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative sm:w-80">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Label htmlFor={`${id}-filter`} className="sr-only">
            Filter users
          </Label>
          <Input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by name, email or group" className="pl-9" />
        </div>
        <p className="text-sm text-muted-foreground" role="status">
          {matching.length === users.length ? `${users.length} users` : `${matching.length} of ${users.length} users`}
          {matching.length > USERS_SHOWN && `, first ${USERS_SHOWN} shown`}
        </p>
      </div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>User</TableHead>
            <TableHead className="hidden sm:table-cell">Groups</TableHead>
            <TableHead className="text-right">Admin</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((u) => {
            const isAdmin = u.groups.includes(ADMIN_GROUP);
            const self = u.email === viewerEmail;
            return (
              <TableRow key={u.id} data-testid="user-row">
                <TableCell className="whitespace-normal">
                  <span className="block font-medium break-all">{u.name ?? u.email}</span>
                  <span className="block text-xs break-all text-muted-foreground">{u.email}</span>
                  <UserGroups groups={u.groups} className="mt-1.5 sm:hidden" />
                </TableCell>
                <TableCell className="hidden whitespace-normal sm:table-cell">
                  <UserGroups groups={u.groups} />
                </TableCell>
                <TableCell className="text-right">
                  {isAdmin ? (
                    <ConfirmButton
                      size="sm"
                      title={self ? "Remove your own admin rights?" : `Remove ${u.email} from admins?`}
                      description={
                        self
                          ? "You will lose access to the admin pages at once. Another admin can give it back."
                          : "They keep their other groups, but can no longer manage Timebox, force approve or revoke."
                      }
                      confirmLabel="Remove admin"
                      onConfirm={() => remove.mutateAsync({ group: ADMIN_GROUP, email: u.email })}
                      aria-label={`Remove admin rights from ${u.email}`}
                    >
                      <ShieldIcon aria-hidden="true" />
                      Remove admin
                    </ConfirmButton>
                  ) : (
                    <ConfirmButton
                      size="sm"
                      title={`Make ${u.email} an admin?`}
                      description="Admins manage connections, groups and users, can force approve and revoke, and see the whole audit log. Their own requests may be approved at once."
                      confirmLabel="Make admin"
                      confirmVariant="default"
                      onConfirm={() => add.mutateAsync({ group: ADMIN_GROUP, email: u.email })}
                      aria-label={`Make ${u.email} an admin`}
                    >
                      <ShieldCheckIcon aria-hidden="true" />
                      Make admin
                    </ConfirmButton>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
          {shown.length === 0 && (
            <TableRow>
              <TableCell colSpan={3} className="py-8 text-center text-muted-foreground">
                No user matches “{filter}”.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Card>
  );
}

function UserGroups({ groups, className }: { groups: string[]; className?: string }) {
  return (
    <span className={cn("flex flex-wrap gap-1", className)}>
      {groups.length === 0 ? (
        <span className="text-xs text-muted-foreground">No groups</span>
      ) : (
        groups.map((g) => (
          <Badge key={g} variant={g === ADMIN_GROUP ? "default" : "secondary"}>
            {g}
          </Badge>
        ))
      )}
    </span>
  );
}
