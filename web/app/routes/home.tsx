import type { Route } from "./+types/home";
import { ButtonLink } from "~/components/ui/button";
import { useSession } from "~/hooks/use-session";
import { APP_NAME } from "~/utils/meta";

export const meta: Route.MetaFunction = () => [
  { title: APP_NAME },
  { name: "description", content: "Write, keep and find your notes." },
];

const FEATURES = [
  {
    title: "Write freely",
    text: "Capture ideas as notes with a title and as much text as you need.",
  },
  {
    title: "Private by default",
    text: "Your notes are yours: nobody else can open them, not even by guessing a link.",
  },
  {
    title: "Support that can help",
    text: "Admins can see the app exactly as you do to sort out problems quickly.",
  },
];

export default function Home() {
  const session = useSession();
  return (
    <>
      <section className="mx-auto flex max-w-3xl flex-col items-center gap-6 px-4 pt-20 pb-16 text-center">
        <h1 className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">
          Your notes, kept simple.
        </h1>
        <p className="max-w-xl text-lg text-balance text-muted-foreground">
          {APP_NAME} is a small, fast place for your notes. Sign up in seconds and start writing.
        </p>
        <div className="flex flex-wrap justify-center gap-3">
          {session ? (
            <ButtonLink size="lg" to="/notes">
              Open your notes
            </ButtonLink>
          ) : (
            <>
              <ButtonLink size="lg" to="/sign-up">
                Get started
              </ButtonLink>
              <ButtonLink size="lg" variant="outline" to="/sign-in">
                Sign in
              </ButtonLink>
            </>
          )}
        </div>
      </section>
      <section aria-label="Features" className="border-t bg-muted/40">
        <ul className="mx-auto grid max-w-5xl gap-6 px-4 py-14 sm:grid-cols-3">
          {FEATURES.map(({ title, text }) => (
            <li key={title} className="flex flex-col gap-2 border-l-2 border-primary pl-4">
              <h2 className="font-semibold">{title}</h2>
              <p className="text-sm text-muted-foreground">{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
